package com.ledgerexplode.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON compared as trees, as PostgreSQL's jsonb keeps it: objects with their keys sorted, arrays in
 * their order, every number as its exact text ({@code 120.000} is not {@code 120}).
 */
public final class JsonTrees {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private JsonTrees() {}

  /** The JSON text with each object's keys sorted and no whitespace; values exactly as given. */
  public static String canonical(String json) {
    return canonical(MAPPER.readTree(json));
  }

  private static String canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, String> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        sorted.put(field.getKey(), canonical(field.getValue()));
      }
      return sorted.entrySet().stream()
          .map(e -> MAPPER.writeValueAsString(e.getKey()) + ":" + e.getValue())
          .collect(Collectors.joining(",", "{", "}"));
    }
    if (node.isArray()) {
      return StreamSupport.stream(node.spliterator(), false)
          .map(JsonTrees::canonical)
          .collect(Collectors.joining(",", "[", "]"));
    }
    return node.toString();
  }
}
