package com.ledgerexplode.json.snapshot;

import com.ledgerexplode.json.JsonValues;
import com.ledgerexplode.ledger.AlternateCurrency;
import com.ledgerexplode.ledger.Bill;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.EventSections;
import com.ledgerexplode.ledger.FieldSpec;
import com.ledgerexplode.ledger.FieldType;
import com.ledgerexplode.ledger.Fields;
import com.ledgerexplode.ledger.Group;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.LineItem;
import com.ledgerexplode.ledger.NameValue;
import com.ledgerexplode.ledger.Org;
import com.ledgerexplode.ledger.PaymentMode;
import com.ledgerexplode.ledger.PointsEntry;
import com.ledgerexplode.ledger.SnapshotRecord;
import com.ledgerexplode.ledger.SnapshotRecord.CustomerRecord;
import com.ledgerexplode.ledger.SnapshotRecord.EventRecord;
import com.ledgerexplode.ledger.SnapshotRecord.GroupRecord;
import com.ledgerexplode.ledger.SnapshotRecord.OrgRecord;
import java.io.Closeable;
import java.io.Flushable;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes a ledger snapshot (PRODUCT.md, "Ledger snapshot"): one record per line, {@code kind}
 * first, then the record's identity, then the rest in the API's order. Decimals are JSON strings of
 * their plain notation with the scale the ledger gave them ({@code "120.000"}), so that no reader
 * ever sees them through binary floating point; timestamps are ISO-8601 in UTC, with the fraction's
 * digits the ledger gave them ({@code 2024-08-20T11:29:02.50Z}); dates {@code yyyy-MM-dd}. A field
 * that is null, and a list that is empty, is left out (the snapshot reads an absent list as empty).
 *
 * <p>Streams: nothing is kept between records. Not thread-safe. {@link #close()} closes the writer
 * it was given.
 */
public final class SnapshotWriter implements Closeable, Flushable {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().rootValueSeparator((String) null).build();

  private final JsonGenerator g;

  public SnapshotWriter(Writer out) {
    this.g = FACTORY.createGenerator(ObjectWriteContext.empty(), out);
  }

  /** Writes one record as one line. */
  public void write(SnapshotRecord record) {
    if (record instanceof OrgRecord r) {
      writeOrg(r.org());
    } else if (record instanceof CustomerRecord r) {
      writeCustomer(r.customer());
    } else if (record instanceof GroupRecord r) {
      writeGroup(r.group());
    } else {
      writeEvent(((EventRecord) record).event());
    }
    g.writeRaw('\n');
  }

  @Override
  public void flush() {
    g.flush();
  }

  @Override
  public void close() {
    g.close();
  }

  private void writeOrg(Org org) {
    g.writeStartObject();
    g.writeStringProperty("kind", "org");
    g.writeNumberProperty("orgId", org.orgId());
    optionalString("name", org.name());
    longs("connectedOrgIds", org.connectedOrgIds());
    if (!org.sourceValueCapturing()) {
      g.writeBooleanProperty("sourceValueCapturing", false);
    }
    g.writeEndObject();
  }

  private void writeCustomer(Customer customer) {
    g.writeStartObject();
    g.writeStringProperty("kind", "customer");
    g.writeNumberProperty("orgId", customer.orgId());
    g.writeNumberProperty("customerId", customer.customerId());
    array("identifiers", customer.identifiers(), this::writeIdentifier);
    g.writeEndObject();
  }

  private void writeIdentifier(Identifier identifier) {
    g.writeStartObject();
    g.writeStringProperty("name", identifier.name());
    g.writeStringProperty("value", identifier.value());
    g.writeStringProperty("source", identifier.source());
    optionalString("accountId", identifier.accountId());
    g.writeEndObject();
  }

  private void writeGroup(Group group) {
    g.writeStartObject();
    g.writeStringProperty("kind", "group");
    g.writeNumberProperty("orgId", group.orgId());
    g.writeNumberProperty("groupId", group.groupId());
    optionalLong("primaryCustomerId", group.primaryCustomerId());
    longs("memberCustomerIds", group.memberCustomerIds());
    g.writeEndObject();
  }

  private void writeEvent(LedgerEvent event) {
    EventHeader header = event.header();
    EventSections sections = event.sections();
    g.writeStartObject();
    g.writeStringProperty("kind", "event");
    g.writeNumberProperty("orgId", header.orgId());
    g.writeNumberProperty("customerId", header.customerId());
    optionalLong("groupId", header.groupId());
    g.writeNumberProperty("eventLogId", header.eventLogId());
    optionalString("eventName", header.eventName());
    if (header.eventTime() != null) {
      g.writeStringProperty("eventTime", header.eventTime().iso());
    }
    optionalLong("tillId", header.tillId());
    optionalString("eventReferenceId", header.eventReferenceId());
    optionalString("uniqueId", header.uniqueId());
    array("points", sections.points(), this::writePointsEntry);
    if (sections.bill() != null) {
      g.writeName("bill");
      writeBill(sections.bill());
    }
    array("customFields", sections.customFields(), this::writeNameValue);
    array("extendedFields", sections.extendedFields(), this::writeNameValue);
    array("paymentModes", sections.paymentModes(), this::writePaymentMode);
    array("alternateCurrencies", sections.alternateCurrencies(), this::writeAlternateCurrency);
    if (!header.typeDetail().details().isEmpty()) {
      g.writeName("details");
      TypeDetailJson.write(g, header.typeDetail().details());
    }
    if (!header.typeDetail().blocks().isEmpty()) {
      g.writeName("blocks");
      TypeDetailJson.write(g, header.typeDetail().blocks());
    }
    g.writeEndObject();
  }

  private void writePointsEntry(PointsEntry entry) {
    g.writeStartObject();
    g.writeStringProperty("bucket", entry.bucket().jsonName());
    fields(entry.fields());
    g.writeEndObject();
  }

  private void writeBill(Bill bill) {
    g.writeStartObject();
    fields(bill.fields());
    array("lineItems", bill.lineItems(), this::writeLineItem);
    g.writeEndObject();
  }

  private void writeLineItem(LineItem item) {
    g.writeStartObject();
    fields(item.fields());
    array("points", item.points(), this::writePointsEntry);
    g.writeEndObject();
  }

  private void writeNameValue(NameValue field) {
    g.writeStartObject();
    g.writeStringProperty("name", field.name());
    optionalString("value", field.value());
    g.writeEndObject();
  }

  private void writePaymentMode(PaymentMode mode) {
    g.writeStartObject();
    g.writeStringProperty("mode", mode.mode());
    optionalDecimal("amount", mode.amount());
    g.writeEndObject();
  }

  private void writeAlternateCurrency(AlternateCurrency currency) {
    g.writeStartObject();
    g.writeStringProperty("name", currency.name());
    optionalString("identifier", currency.identifier());
    g.writeStringProperty("bucket", currency.entry().bucket().jsonName());
    fields(currency.entry().fields());
    g.writeEndObject();
  }

  /**
   * The fields given, in the enum's order; decimals as strings, the rest as the API writes them.
   */
  private <F extends Enum<F> & FieldSpec> void fields(Fields<F> fields) {
    fields
        .values()
        .forEach(
            (field, value) -> {
              if (field.type() == FieldType.DECIMAL) {
                g.writeStringProperty(field.jsonName(), ((BigDecimal) value).toPlainString());
              } else {
                JsonValues.writeProperty(g, field.jsonName(), field.type(), value);
              }
            });
  }

  private <T> void array(String name, List<T> items, Consumer<T> writeItem) {
    if (items.isEmpty()) {
      return;
    }
    g.writeName(name);
    g.writeStartArray();
    items.forEach(writeItem);
    g.writeEndArray();
  }

  private void longs(String name, List<Long> values) {
    if (values.isEmpty()) {
      return;
    }
    g.writeName(name);
    g.writeStartArray();
    for (long value : values) {
      g.writeNumber(value);
    }
    g.writeEndArray();
  }

  private void optionalString(String name, @Nullable String value) {
    if (value != null) {
      g.writeStringProperty(name, value);
    }
  }

  private void optionalLong(String name, @Nullable Long value) {
    if (value != null) {
      g.writeNumberProperty(name, value);
    }
  }

  private void optionalDecimal(String name, @Nullable BigDecimal value) {
    if (value != null) {
      g.writeStringProperty(name, value.toPlainString());
    }
  }
}
