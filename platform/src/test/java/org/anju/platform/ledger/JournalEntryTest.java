package org.anju.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.anju.error.ClientError;

/** What the ledger refuses before any SQL: unbalanced entries, amounts that are not positive, bad accounts. */
class JournalEntryTest {

    private static final Account RECEIVABLE = Account.household("elm-court", AccountKind.RECEIVABLE, 7);
    private static final Account RENT = Account.community("elm-court", AccountKind.REVENUE_RENT);

    @Test
    void aBalancedEntryIsAccepted() {
        JournalEntry entry = new JournalEntry("invoice:1", "elm-court", "rent",
                List.of(Posting.debit(RECEIVABLE, 30_000), Posting.credit(RENT, 25_000),
                        Posting.credit(Account.community("elm-court", AccountKind.FUND_INCOME), 5_000)));

        assertThat(entry.totalFen()).isEqualTo(30_000);
    }

    @Test
    void anUnbalancedEntryIs400NamingBothSides() {
        assertThatThrownBy(() -> new JournalEntry("k", "elm-court", "rent",
                List.of(Posting.debit(RECEIVABLE, 30_000), Posting.credit(RENT, 29_999))))
                .isInstanceOfSatisfying(ClientError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("do not balance (debits 30000 fen, credits 29999 fen)");
    }

    @Test
    void zeroAndNegativeAmountsAre400() {
        assertThatThrownBy(() -> Posting.debit(RECEIVABLE, 0)).isInstanceOfSatisfying(ClientError.class,
                e -> assertThat(e.code()).isEqualTo(400)).hasMessageContaining("amountFen must be positive");
        assertThatThrownBy(() -> Posting.credit(RENT, -100)).isInstanceOfSatisfying(ClientError.class,
                e -> assertThat(e.code()).isEqualTo(400)).hasMessageContaining("was -100");
    }

    @Test
    void anEntryNeedsAKeyADescriptionAndTwoLinesInOneCommunity() {
        assertThatThrownBy(() -> new JournalEntry(" ", "elm-court", "rent",
                List.of(Posting.debit(RECEIVABLE, 1), Posting.credit(RENT, 1)))).hasMessageContaining("idempotencyKey");
        assertThatThrownBy(() -> new JournalEntry("k", "elm-court", "",
                List.of(Posting.debit(RECEIVABLE, 1), Posting.credit(RENT, 1)))).hasMessageContaining("description");
        assertThatThrownBy(() -> new JournalEntry("k", "elm-court", "rent", List.of(Posting.debit(RECEIVABLE, 1))))
                .hasMessageContaining("at least two");
        assertThatThrownBy(() -> new JournalEntry("k", "elm-court", "rent", List.of(Posting.debit(RECEIVABLE, 1),
                Posting.credit(Account.community("oak-yard", AccountKind.REVENUE_RENT), 1))))
                .hasMessageContaining("not in community elm-court");
    }

    @Test
    void householdAccountsNeedAHouseholdAndCommunityAccountsRefuseOne() {
        assertThatThrownBy(() -> new Account("elm-court", AccountKind.RECEIVABLE, null))
                .isInstanceOf(ClientError.class).hasMessageContaining("householdId is required");
        assertThatThrownBy(() -> new Account("elm-court", AccountKind.BANK, 3L))
                .isInstanceOf(ClientError.class).hasMessageContaining("belongs to the community");
    }
}
