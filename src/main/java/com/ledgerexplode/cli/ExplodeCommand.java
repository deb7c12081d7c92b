package com.ledgerexplode.cli;

import com.ledgerexplode.explode.ApiError;
import com.ledgerexplode.explode.ApiRequest;
import com.ledgerexplode.explode.ApiResponse;
import com.ledgerexplode.explode.BadParameterException;
import com.ledgerexplode.explode.DataScope;
import com.ledgerexplode.explode.ExplodeEngine;
import com.ledgerexplode.json.api.EventJson;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
      ApiResponse response =
          ExplodeEngine.answerOne(database.store(), org, dataScope, dataScopeOrgs, request);
      PrintWriter out = spec.commandLine().getOut();
      out.print(EventJson.responseText(response, pretty));
      out.flush();
      ApiError error = response.error();
      return error == null ? ExitCode.OK.code() : ExitCode.REJECTED.code();
    }
  }

  static ApiRequest parse(List<String> parameters) {
    List<Map.Entry<String, String>> named = new ArrayList<>();
    for (String parameter : parameters) {
      int equals = parameter.indexOf('=');
      if (equals <= 0) {
        throw new UsageException("Expected name=value, got '" + parameter + "'");
      }
      named.add(Map.entry(parameter.substring(0, equals), parameter.substring(equals + 1)));
    }
    try {
      return ApiRequest.named(named);
    } catch (BadParameterException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
