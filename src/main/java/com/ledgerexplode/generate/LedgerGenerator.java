package com.ledgerexplode.generate;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.ledgerexplode.explode.ApiParameter;
import com.ledgerexplode.generate.Person.EventRef;
import com.ledgerexplode.json.snapshot.SnapshotWriter;
import com.ledgerexplode.ledger.Customer;
import com.ledgerexplode.ledger.EventHeader;
import com.ledgerexplode.ledger.Group;
import com.ledgerexplode.ledger.Identifier;
import com.ledgerexplode.ledger.LedgerEvent;
import com.ledgerexplode.ledger.Org;
import com.ledgerexplode.ledger.SnapshotRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Generates a realistic synthetic ledger snapshot ({@value #LEDGER_FILE}) and a matching requests
 * CSV ({@value #REQUESTS_FILE}), byte for byte the same for the same options.
 *
 * <p>The ledger: orgs first (the main org connected to the connected ones), then block after block
 * a household of one customer, or of two to four in a group with a primary member, its group and
 * its events. Customers are mostly in the main org; they have a mobile, an email in mixed case and
 * an external id in INSTORE, some the mobile again in WECHAT under an account, in ECOMMERCE or
 * LINE; a few pairs of customers of one org share a mobile in two sources (so that {@code
 * source=ALL} is ambiguous), and a few pairs of the connected orgs share one in INSTORE (ambiguous
 * when a job reads both). Event log ids increase through the file, with gaps. The second connected
 * org has source-value capturing off.
 *
 * <p>The requests: about one row for each customer of the main org and for a third of the others
 * (they resolve only for a job that reads their org), mostly good, with about {@value
 * RequestMaker#DEFECT_PERCENT}% rows carrying one defect of PRODUCT.md's validation table each, in
 * turn. The CSV stays well-formed.
 *
 * <p>Streams: memory holds one household and a bounded sample of each member's events, whatever the
 * sizes. Not thread-safe; one generator makes one set of files.
 */
public final class LedgerGenerator {
  public static final String LEDGER_FILE = "ledger.jsonl";
  public static final String REQUESTS_FILE = "requests.csv";

  static final long FIRST_CUSTOMER_ID = 100_001L;
  static final long FIRST_GROUP_ID = 7_001L;
  static final long FIRST_EVENT_LOG_ID = 18_600_001L;

  private static final String[] FIRST_NAMES = {
    "Ana", "Ravi", "Mei", "John", "Priya", "Chen", "Fatima", "Lucas", "Aiko", "Omar", "Sara", "Ivan"
  };
  private static final String[] LAST_NAMES = {
    "Silva", "Kumar", "Wong", "Smith", "Iyer", "Li", "Khan", "Costa", "Sato", "Haddad", "Berg"
  };
  private static final String[] DOMAINS = {"Example.com", "Mail.Example.org", "example.NET"};
  private static final String[] REGIONS = {"North", "South", "East", "West"};
  private static final String[] WECHAT_ACCOUNTS = {"wx-main", "wx-mini"};

  private final GeneratorOptions options;
  private final List<Long> otherOrgs = new ArrayList<>();

  private final SplittableRandom people;
  private final EventMaker events;
  private final SplittableRandom eventChoices;
  private final RequestMaker requests;

  private long nextCustomerId = FIRST_CUSTOMER_ID;
  private long nextGroupId = FIRST_GROUP_ID;
  private @Nullable String pendingSharedMobile;
  private @Nullable String pendingCrossOrgMobile;
  private long pendingCrossOrg;
  private boolean sharedInOrg;
  private boolean sharedAcrossOrgs;

  public LedgerGenerator(GeneratorOptions options) {
    this.options = options;
    otherOrgs.addAll(options.connectedOrgIds());
    otherOrgs.addAll(options.unconnectedOrgIds());
    SplittableRandom root = new SplittableRandom(options.seed());
    this.people = root.split();
    this.events = new EventMaker(root.split(), FIRST_EVENT_LOG_ID);
    this.eventChoices = root.split();
    this.requests = new RequestMaker(root.split(), options.mainOrgId());
  }

  /**
   * Writes {@value #LEDGER_FILE} and {@value #REQUESTS_FILE} into {@code directory} (created if
   * needed, files replaced).
   */
  public GenerationSummary generate(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path ledgerFile = directory.resolve(LEDGER_FILE);
    Path requestsFile = directory.resolve(REQUESTS_FILE);
    Counts counts;
    try (SnapshotWriter ledger = new SnapshotWriter(Files.newBufferedWriter(ledgerFile, UTF_8));
        CSVPrinter csv = csv(requestsFile)) {
      counts = write(ledger, csv);
    }
    return new GenerationSummary(
        options.customers(),
        counts.events,
        counts.rows,
        counts.unreadable,
        Files.size(ledgerFile),
        Files.size(requestsFile));
  }

  private static CSVPrinter csv(Path file) throws IOException {
    String[] header =
        RequestMaker.COLUMNS.stream().map(ApiParameter::apiName).toArray(String[]::new);
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator('\n').get();
    return new CSVPrinter(Files.newBufferedWriter(file, UTF_8), format);
  }

  private Counts write(SnapshotWriter ledger, CSVPrinter csv) throws IOException {
    Counts counts = new Counts();
    for (Org org : orgs()) {
      ledger.write(new SnapshotRecord.OrgRecord(org));
    }
    int made = 0;
    while (made < options.customers()) {
      long orgId = pickOrg();
      int size =
          people.nextInt(100) < 12
              ? Math.min(2 + people.nextInt(3), options.customers() - made)
              : 1;
      List<Person> household = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        household.add(person(orgId, made + i));
      }
      if (size > 1) {
        group(household, ledger);
      } else {
        ledger.write(new SnapshotRecord.CustomerRecord(customer(household.get(0))));
      }
      for (Person person : household) {
        counts.events += events(person, ledger);
      }
      for (Map<ApiParameter, String> row : requests.rows(household)) {
        print(row, csv);
        counts.rows++;
        if (options.unreadableEvery() > 0 && counts.rows % options.unreadableEvery() == 0) {
          // the row again with one cell more than the header: no reader may take it as a row
          print(row, csv, "one cell too many");
          counts.unreadable++;
        }
      }
      made += size;
    }
    return counts;
  }

  private static void print(Map<ApiParameter, String> row, CSVPrinter csv, String... more)
      throws IOException {
    for (ApiParameter column : RequestMaker.COLUMNS) {
      String cell = row.get(column);
      csv.print(cell == null ? "" : cell);
    }
    for (String cell : more) {
      csv.print(cell);
    }
    csv.println();
  }

  private List<Org> orgs() {
    List<Org> orgs = new ArrayList<>();
    orgs.add(new Org(options.mainOrgId(), "Brand A", options.connectedOrgIds()));
    int n = 0;
    for (long connected : options.connectedOrgIds()) {
      // the second connected org does not capture source values: a job that reads it answers a
      // request for the points breakup with 11019
      orgs.add(new Org(connected, "Brand A " + REGIONS[n % REGIONS.length], List.of(), n++ != 1));
    }
    n = 0;
    for (long other : options.unconnectedOrgIds()) {
      orgs.add(new Org(other, "Other Brand " + ++n, List.of()));
    }
    return orgs;
  }

  private long pickOrg() {
    if (otherOrgs.isEmpty() || people.nextInt(100) < 85) {
      return options.mainOrgId();
    }
    return otherOrgs.get(people.nextInt(otherOrgs.size()));
  }

  private Person person(long orgId, int index) {
    long customerId = nextCustomerId;
    nextCustomerId += 1 + (people.nextInt(10) == 0 ? people.nextInt(1, 5) : 0);
    String mobile = String.format("9174%08d", (index * 48_271L + 12_345L) % 100_000_000L);
    String mobileSource = "INSTORE";
    boolean shares = false;
    boolean second = false;
    if (orgId == options.mainOrgId()) {
      if (pendingSharedMobile != null) {
        mobile = pendingSharedMobile;
        mobileSource = "ECOMMERCE";
        shares = true;
        second = true;
        pendingSharedMobile = null;
        sharedInOrg = true;
      } else if (people.nextInt(100) < 3 || !sharedInOrg) {
        pendingSharedMobile = mobile;
        shares = true;
      }
    } else if (options.connectedOrgIds().contains(orgId)) {
      if (pendingCrossOrgMobile != null && pendingCrossOrg != orgId) {
        mobile = pendingCrossOrgMobile;
        pendingCrossOrgMobile = null;
        sharedAcrossOrgs = true;
      } else if (pendingCrossOrgMobile == null && (people.nextInt(100) < 10 || !sharedAcrossOrgs)) {
        pendingCrossOrgMobile = mobile;
        pendingCrossOrg = orgId;
      }
    }
    String firstName = FIRST_NAMES[people.nextInt(FIRST_NAMES.length)];
    String lastName = LAST_NAMES[people.nextInt(LAST_NAMES.length)];
    String email =
        firstName + "." + lastName + customerId + "@" + DOMAINS[people.nextInt(DOMAINS.length)];
    String wechat =
        people.nextInt(5) == 0 ? WECHAT_ACCOUNTS[people.nextInt(WECHAT_ACCOUNTS.length)] : null;
    return new Person(
        orgId,
        customerId,
        firstName,
        lastName,
        mobile,
        mobileSource,
        email,
        "EXT-" + customerId,
        wechat,
        shares,
        second);
  }

  private Customer customer(Person p) {
    List<Identifier> identifiers = new ArrayList<>(5);
    identifiers.add(new Identifier("mobile", p.mobile, p.mobileSource, null));
    identifiers.add(new Identifier("email", p.email, "INSTORE", null));
    identifiers.add(new Identifier("externalid", p.externalId, "INSTORE", null));
    if (p.wechatAccount != null) {
      identifiers.add(new Identifier("mobile", p.mobile, "WECHAT", p.wechatAccount));
    }
    int extra = people.nextInt(20);
    if (extra < 3) {
      identifiers.add(new Identifier("email", p.email, "ECOMMERCE", null));
    } else if (extra == 3) {
      identifiers.add(new Identifier("mobile", p.mobile, "LINE", null));
    }
    return new Customer(p.orgId, p.customerId, identifiers);
  }

  private void group(List<Person> household, SnapshotWriter ledger) {
    long groupId = nextGroupId++;
    Person primary = household.get(people.nextInt(household.size()));
    List<Long> members = new ArrayList<>(household.size());
    for (Person p : household) {
      p.groupId = groupId;
      p.primaryCustomerId = primary.customerId;
      members.add(p.customerId);
      ledger.write(new SnapshotRecord.CustomerRecord(customer(p)));
    }
    ledger.write(
        new SnapshotRecord.GroupRecord(
            new Group(primary.orgId, groupId, primary.customerId, members)));
  }

  private int events(Person person, SnapshotWriter ledger) {
    events.startCustomer(person);
    long programId = person.orgId == options.mainOrgId() ? 1 : 1 + person.orgId % 100;
    int count = options.eventsPerCustomer();
    for (int i = 0; i < count; i++) {
      boolean inGroup = person.inGroup() && eventChoices.nextInt(10) < 7;
      LedgerEvent event = events.event(person, i, count, inGroup, programId);
      ledger.write(new SnapshotRecord.EventRecord(event));
      EventHeader h = event.header();
      person.remember(
          new EventRef(
              h.eventLogId(),
              Objects.requireNonNull(h.eventName()),
              Objects.requireNonNull(h.eventReferenceId()),
              h.groupId() != null),
          eventChoices);
    }
    return count;
  }

  private static final class Counts {
    long events;
    long rows;
    long unreadable;
  }
}
