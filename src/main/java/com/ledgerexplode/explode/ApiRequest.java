package com.ledgerexplode.explode;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request as given: parameter values as text, trimmed; a parameter given empty is not given.
 */
public record ApiRequest(Map<ApiParameter, String> params) {

  public ApiRequest {
    EnumMap<ApiParameter, String> given = new EnumMap<>(ApiParameter.class);
    // by key, not entry: an EnumMap's forEach makes an entry for each of its values
    for (ApiParameter parameter : params.keySet()) {
      String trimmed = params.get(parameter).strip();
      if (!trimmed.isEmpty()) {
        given.put(parameter, trimmed);
      }
    }
    params = Collections.unmodifiableMap(given);
  }

  public static ApiRequest of(Map<ApiParameter, String> params) {
    return new ApiRequest(params);
  }

  /**
   * A request from its parameters as named on the wire (the command line's {@code name=value}, the
   * server's query), by the API's exact names.
   *
   * @throws BadParameterException for a name the API does not have, or a parameter given twice
   */
  public static ApiRequest named(List<Map.Entry<String, String>> named) {
    Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
    for (Map.Entry<String, String> parameter : named) {
      String name = parameter.getKey();
      ApiParameter known =
          ApiParameter.byName(name)
              .orElseThrow(
                  () ->
                      new BadParameterException(
                          "Unknown parameter '" + name + "'; known: " + ApiParameter.knownNames()));
      if (params.put(known, parameter.getValue()) != null) {
        throw new BadParameterException("Parameter '" + name + "' is given twice");
      }
    }
    return new ApiRequest(params);
  }

  public @Nullable String get(ApiParameter parameter) {
    return params.get(parameter);
  }

  public boolean has(ApiParameter parameter) {
    return params.containsKey(parameter);
  }

  /** This request with {@code defaults} for the parameters it does not give. */
  public ApiRequest withDefaults(Map<ApiParameter, String> defaults) {
    if (defaults.isEmpty()) {
      return this;
    }
    EnumMap<ApiParameter, String> merged = new EnumMap<>(ApiParameter.class);
    merged.putAll(defaults);
    merged.putAll(params);
    return new ApiRequest(merged);
  }
}
