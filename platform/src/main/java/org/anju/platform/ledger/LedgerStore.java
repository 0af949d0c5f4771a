package org.anju.platform.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.anju.error.ClientError;
import org.anju.platform.storage.Sql;
import org.anju.platform.storage.UnitOfWork;

/** The ledger's SQL: every statement on its tables is here. */
final class LedgerStore implements Ledger {

    private static final String ACCOUNT_COLUMNS = "a.community_id, a.kind, a.household_id";

    // account ids never change and accounts are never removed; ids are remembered only once the
    // transaction that found or made them has committed
    private final Map<Account, Long> accountIds = new ConcurrentHashMap<>();

    @Override
    public PostedEntry post(UnitOfWork.Tx tx, JournalEntry entry) throws SQLException {
        Optional<PostedEntry> made = tx.one("""
                INSERT INTO journal_entries (community_id, idempotency_key, description) VALUES (?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING id, posted_at""",
                rs -> new PostedEntry(rs.getLong(1), entry.idempotencyKey(), entry.communityId(), entry.description(),
                        Sql.instant(rs, "posted_at"), entry.postings(), false),
                entry.communityId(), entry.idempotencyKey(), entry.description());
        if (made.isEmpty()) {
            // a committed entry (or one committed while this insert waited for it) has the key
            PostedEntry earlier = entry(tx, entry.idempotencyKey()).orElseThrow(
                    () -> new IllegalStateException("entry " + entry.idempotencyKey() + " conflicted but is not there"));
            requireSame(entry, earlier);
            return earlier;
        }
        long entryId = made.get().id();
        List<Object[]> rows = new ArrayList<>(entry.postings().size());
        for (Posting p : entry.postings()) {
            rows.add(new Object[] {entryId, accountId(tx, p.account()), p.side().code(), p.amountFen()});
        }
        tx.batch("INSERT INTO ledger_postings (entry_id, account_id, side, amount_fen) VALUES (?, ?, ?, ?)",
                rows, row -> row);
        return made.get();
    }

    @Override
    public List<PostedEntry> postAll(UnitOfWork.Tx tx, List<JournalEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<String, JournalEntry> byKey = new HashMap<>();
        entries.forEach(e -> byKey.put(e.idempotencyKey(), e));
        if (byKey.size() != entries.size()) {
            throw new IllegalArgumentException("a batch of journal entries repeats an idempotency key");
        }
        Map<Account, Long> accounts = accountIds(tx, entries.stream().flatMap(e -> e.postings().stream())
                .map(Posting::account).distinct().toList());
        Map<String, PostedEntry> made = new HashMap<>();
        tx.query("""
                INSERT INTO journal_entries (community_id, idempotency_key, description)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id, idempotency_key, posted_at""", rs -> {
                    JournalEntry e = byKey.get(rs.getString(2));
                    return made.put(e.idempotencyKey(), new PostedEntry(rs.getLong(1), e.idempotencyKey(), e.communityId(),
                            e.description(), Sql.instant(rs, "posted_at"), e.postings(), false));
                }, Sql.column(tx.connection(), "text", entries, JournalEntry::communityId),
                Sql.column(tx.connection(), "text", entries, JournalEntry::idempotencyKey),
                Sql.column(tx.connection(), "text", entries, JournalEntry::description));
        Map<String, PostedEntry> earlier = new HashMap<>();
        List<String> replayed = entries.stream().map(JournalEntry::idempotencyKey).filter(k -> !made.containsKey(k))
                .toList();
        if (!replayed.isEmpty()) {
            entriesWhere(tx, "e.idempotency_key = ANY (?)", Sql.array(tx.connection(), "text", replayed))
                    .forEach(e -> earlier.put(e.idempotencyKey(), e));
        }
        List<LedgerBatch.Row> rows = new ArrayList<>();
        List<PostedEntry> posted = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            PostedEntry p = made.get(e.idempotencyKey());
            if (p == null) {
                p = earlier.get(e.idempotencyKey());
                requireSame(e, p);
            } else {
                for (Posting line : e.postings()) {
                    rows.add(new LedgerBatch.Row(p.id(), accounts.get(line.account()), line.side(), line.amountFen()));
                }
            }
            posted.add(p);
        }
        if (!made.isEmpty()) {
            LedgerBatch.copy(tx, rows);
            LongSummaryStatistics ids = made.values().stream().mapToLong(PostedEntry::id).summaryStatistics();
            LedgerBatch.requireBalanced(tx, ids.getMin(), ids.getMax());
        }
        return posted;
    }

    private static void requireSame(JournalEntry asked, PostedEntry earlier) {
        if (!asked.communityId().equals(earlier.communityId())
                || !counts(asked.postings()).equals(counts(earlier.postings()))) {
            throw new ClientError(ClientError.CONFLICT, "idempotency key '" + asked.idempotencyKey()
                    + "' was used for another journal entry (" + earlier.id() + ")");
        }
    }

    private static Map<Posting, Integer> counts(List<Posting> postings) {
        Map<Posting, Integer> counts = new HashMap<>();
        postings.forEach(p -> counts.merge(p, 1, Integer::sum));
        return counts;
    }

    private long accountId(UnitOfWork.Tx tx, Account account) throws SQLException {
        Long known = accountIds.get(account);
        if (known != null) {
            return known;
        }
        tx.update("""
                INSERT INTO ledger_accounts (community_id, kind, household_id) VALUES (?, ?, ?)
                ON CONFLICT (community_id, kind, (coalesce(household_id, 0))) DO NOTHING""",
                account.communityId(), account.kind().wireName(), account.householdId());
        // a separate statement: it sees an account another transaction committed while the insert waited
        long id = tx.one("""
                SELECT id FROM ledger_accounts WHERE community_id = ? AND kind = ?
                AND coalesce(household_id, 0) = coalesce(?::bigint, 0)""",
                rs -> rs.getLong(1), account.communityId(), account.kind().wireName(), account.householdId())
                .orElseThrow();
        tx.afterCommit(() -> accountIds.put(account, id));
        return id;
    }

    /** Returns the ids of the accounts, making those that do not exist yet with one statement. */
    private Map<Account, Long> accountIds(UnitOfWork.Tx tx, List<Account> accounts) throws SQLException {
        Map<Account, Long> ids = new HashMap<>();
        List<Account> unknown = new ArrayList<>();
        for (Account a : accounts) {
            Long known = accountIds.get(a);
            if (known == null) {
                unknown.add(a);
            } else {
                ids.put(a, known);
            }
        }
        if (unknown.isEmpty()) {
            return ids;
        }
        // one order for every writer, so that two batches making the same accounts cannot deadlock
        unknown.sort(Comparator.comparing(Account::communityId).thenComparing(a -> a.kind().wireName())
                .thenComparing(a -> a.householdId() == null ? 0L : a.householdId()));
        java.sql.Array communities = Sql.column(tx.connection(), "text", unknown, Account::communityId);
        java.sql.Array kinds = Sql.column(tx.connection(), "text", unknown, a -> a.kind().wireName());
        java.sql.Array households = Sql.column(tx.connection(), "int8", unknown, Account::householdId);
        tx.update("""
                INSERT INTO ledger_accounts (community_id, kind, household_id)
                SELECT c, k, h FROM unnest(?::text[], ?::text[], ?::bigint[]) WITH ORDINALITY AS u (c, k, h, n)
                ORDER BY n ON CONFLICT (community_id, kind, (coalesce(household_id, 0))) DO NOTHING""",
                communities, kinds, households);
        // a separate statement: it sees accounts another transaction committed while the insert waited
        Map<Account, Long> found = new HashMap<>();
        tx.query("SELECT a.id, " + ACCOUNT_COLUMNS + " FROM ledger_accounts a "
                + "JOIN unnest(?::text[], ?::text[], ?::bigint[]) AS u (c, k, h) ON a.community_id = u.c "
                + "AND a.kind = u.k AND coalesce(a.household_id, 0) = coalesce(u.h, 0)",
                rs -> found.put(account(rs), rs.getLong("id")), communities, kinds, households);
        ids.putAll(found);
        tx.afterCommit(() -> accountIds.putAll(found));
        return ids;
    }

    @Override
    public Optional<PostedEntry> entry(UnitOfWork.Tx tx, String idempotencyKey) throws SQLException {
        return entriesWhere(tx, "e.idempotency_key = ?", idempotencyKey).stream().findFirst();
    }

    @Override
    public List<PostedEntry> entries(UnitOfWork.Tx tx, String communityId, long afterId, int limit)
            throws SQLException {
        return entriesWhere(tx, "e.id IN (SELECT id FROM journal_entries WHERE community_id = ? AND id > ? "
                + "ORDER BY id LIMIT ?)", communityId, afterId, limit);
    }

    private record Row(long id, String key, String communityId, String description, java.time.Instant postedAt,
            Posting posting) {
    }

    private List<PostedEntry> entriesWhere(UnitOfWork.Tx tx, String where, Object... parameters)
            throws SQLException {
        List<Row> rows = tx.query("SELECT e.id, e.idempotency_key, e.community_id, e.description, e.posted_at, "
                + ACCOUNT_COLUMNS + ", p.side, p.amount_fen FROM journal_entries e "
                + "JOIN ledger_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id "
                + "WHERE " + where + " ORDER BY e.id, p.id",
                rs -> new Row(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("community_id"),
                        rs.getString("description"), Sql.instant(rs, "posted_at"),
                        new Posting(account(rs), Posting.Side.ofCode(rs.getString("side")), rs.getLong("amount_fen"))),
                parameters);
        Map<Long, List<Row>> byEntry = new LinkedHashMap<>();
        rows.forEach(r -> byEntry.computeIfAbsent(r.id(), id -> new ArrayList<>()).add(r));
        List<PostedEntry> entries = new ArrayList<>(byEntry.size());
        for (List<Row> lines : byEntry.values()) {
            Row first = lines.getFirst();
            entries.add(new PostedEntry(first.id(), first.key(), first.communityId(), first.description(),
                    first.postedAt(), lines.stream().map(Row::posting).toList(), true));
        }
        return entries;
    }

    private static Account account(ResultSet rs) throws SQLException {
        long household = rs.getLong("household_id");
        Long householdId = rs.wasNull() ? null : household;
        return new Account(rs.getString("community_id"), AccountKind.fromWireName(rs.getString("kind")).orElseThrow(),
                householdId);
    }

    @Override
    public long balance(UnitOfWork.Tx tx, Account account) throws SQLException {
        return tx.one("""
                SELECT coalesce(sum(CASE WHEN p.side = 'D' THEN p.amount_fen ELSE -p.amount_fen END), 0)
                FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id
                WHERE a.community_id = ? AND a.kind = ? AND coalesce(a.household_id, 0) = coalesce(?::bigint, 0)""",
                rs -> rs.getLong(1), account.communityId(), account.kind().wireName(), account.householdId())
                .orElse(0L);
    }

    @Override
    public Map<Account, Long> balances(UnitOfWork.Tx tx, String communityId) throws SQLException {
        Map<Account, Long> balances = new LinkedHashMap<>();
        tx.query("SELECT " + ACCOUNT_COLUMNS + ", "
                + "sum(CASE WHEN p.side = 'D' THEN p.amount_fen ELSE -p.amount_fen END) AS balance "
                + "FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
                + "WHERE a.community_id = ? GROUP BY a.id ORDER BY a.id",
                rs -> balances.put(account(rs), rs.getLong("balance")), communityId);
        return balances;
    }
}
