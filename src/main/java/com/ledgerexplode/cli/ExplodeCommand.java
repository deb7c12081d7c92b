package com.ledgerexplode.cli;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.explode.Scope;
import com.ledgerexplode.explode.ScopeRefusedException;
import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.json.api.EventJson;
import com.ledgerexplode.store.JdbcLedgerStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.core.JsonGenerator;

@Command(
    name = "explode",
    mixinStandardHelpOptions = true,
    description = {
      "Answers one getLedgerExplodeInfo request from the ledger store, on standard output, as the"
          + " API's JSON envelope: {\"events\":[...],\"warnings\":[...]} or the errors.",
      "",
      "Example: explode --org 50406 identifierName=mobile identifierValue=917406401004"
          + " source=INSTORE eventIds=18608683 getBillDetails=true"
    },
    footer = {
      "",
      "Parameters: identifierName, identifierValue, source, accountId, eventIds,",
      "  eventName, eventReferenceIds, type, isPrimaryUser, getBillDetails,",
      "  getPointsEarnedBreakup, getCustomFields, getExtendedFields,",
      "  getMaxConversionDetails, getPaymentMode (or getPaymentModes),",
      "  includeAlternateCurrencies, alternateCurrencyNames, offset, limit.",
      "",
      "Exit codes: 0 answered (with events and warnings), 5 answered with an API error,",
      "2 bad usage, 1 failed (e.g. the database cannot be reached)."
    })
final class ExplodeCommand implements Callable<Integer> {
  @Mixin LedgerDatabaseOption ledgerDb;

  @Option(names = "--org", required = true, description = "The org the request runs as.")
  long org;

  @Option(
      names = "--data-scope",
      defaultValue = DataScope.DEFAULT_NAME,
      description = "SELF (default) or OTHER: the DATA-SCOPE header.")
  DataScope dataScope;

  @Option(
      names = "--data-scope-org",
      split = ",",
      description =
          "With OTHER: the connected orgs to read (at most two), the DATA-SCOPE-ORG header.")
  List<Long> dataScopeOrgs = new ArrayList<>();

  @Option(names = "--pretty", description = "Indent the JSON.")
  boolean pretty;

  @Parameters(
      paramLabel = "name=value",
      arity = "1..*",
      description = "The request's query parameters, by the API's names (see below).")
  List<String> parameters;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ApiRequest request = parse(parameters);
    try (var database = ledgerDb.open()) {
      JdbcLedgerStore ledger = database.store();
      ApiResponse response;
      try {
        Scope scope = Scope.resolve(ledger, org, dataScope, dataScopeOrgs);
        response = new ExplodeEngine(ledger, scope).answer(List.of(request)).get(0);
      } catch (ScopeRefusedException refused) {
        response = new ApiResponse(List.of(), List.of(), refused.error());
      }
      print(response);
      ApiError error = response.error();
      return error == null ? ExitCode.OK.code() : ExitCode.REJECTED.code();
    }
  }

  private void print(ApiResponse response) {
    PrintWriter out = spec.commandLine().getOut();
    try (JsonGenerator g = JsonValues.generator(out, pretty)) {
      EventJson.writeResponse(g, response);
    }
    out.println();
    out.flush();
  }

  static ApiRequest parse(List<String> parameters) {
    Map<ApiParameter, String> params = new EnumMap<>(ApiParameter.class);
    for (String parameter : parameters) {
      int equals = parameter.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("Expected name=value, got '" + parameter + "'");
      }
      String name = parameter.substring(0, equals);
      ApiParameter known =
          ApiParameter.byName(name)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "Unknown parameter '" + name + "'; known: " + knownNames()));
      if (params.put(known, parameter.substring(equals + 1)) != null) {
        throw new UsageException("Parameter '" + name + "' is given twice");
      }
    }
    return ApiRequest.of(params);
  }

  static String knownNames() {
    return Arrays.stream(ApiParameter.values())
        .map(ApiParameter::apiName)
        .collect(Collectors.joining(", "));
  }
}
