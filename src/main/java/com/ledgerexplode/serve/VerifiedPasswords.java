package com.ledgerexplode.serve;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The passwords bcrypt has lately accepted, one per user, so that a client sending the same Basic
 * credential with every request pays bcrypt's deliberate cost once per {@code ttl}, not once per
 * request (at cost 10, about 70 ms of a core each). Only a password that bcrypt accepted is kept,
 * so a wrong one is always checked by bcrypt: guessing stays as slow as ever. What is kept is an
 * HMAC-SHA256 of the password under a key drawn at random when the server starts and never written
 * anywhere, never the password; compared in constant time.
 */
final class VerifiedPasswords {
  private static final String HMAC = "HmacSHA256";

  private static final class Verified {
    private final byte[] mac;
    private final Instant at;

    Verified(byte[] mac, Instant at) {
      this.mac = mac;
      this.at = at;
    }
  }

  private final SecretKeySpec key;
  private final Duration ttl;
  private final Clock clock;
  private final Map<String, Verified> byUser = new ConcurrentHashMap<>();

  VerifiedPasswords(Duration ttl, Clock clock) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, HMAC);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Whether bcrypt accepted this user's password within the last {@code ttl}. */
  boolean holds(String user, String password) {
    Verified verified = byUser.get(user);
    if (verified == null) {
      return false;
    }
    if (!clock.instant().isBefore(verified.at.plus(ttl))) {
      byUser.remove(user, verified);
      return false;
    }
    return MessageDigest.isEqual(verified.mac, mac(password));
  }

  /** Keeps that bcrypt accepted this user's password now (replacing an older one). */
  void remember(String user, String password) {
    byUser.put(user, new Verified(mac(password), clock.instant()));
  }

  private byte[] mac(String password) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has " + HMAC, e);
    }
  }
}
