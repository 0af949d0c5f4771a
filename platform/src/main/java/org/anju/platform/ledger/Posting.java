package org.anju.platform.ledger;

import java.util.Objects;

import org.anju.error.ClientError;

/**
 * One line of a journal entry: an amount in fen on one side of one account.
 *
 * @param amountFen a positive whole number of fen
 */
public record Posting(Account account, Side side, long amountFen) {

    /** The side of an account a posting is on. */
    public enum Side {
        DEBIT, CREDIT;

        /** Returns the one-letter code stored in the database. */
        public String code() {
            return this == DEBIT ? "D" : "C";
        }

        /** Returns the side of a stored code. */
        public static Side ofCode(String code) {
            return "D".equals(code) ? DEBIT : CREDIT;
        }
    }

    /** @throws ClientError 400 when the amount is zero or negative */
    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(side, "side");
        if (amountFen <= 0) {
            throw ClientError.badRequest("posting on " + account + ": amountFen must be positive, was " + amountFen);
        }
    }

    /** Returns a debit of the account. */
    public static Posting debit(Account account, long amountFen) {
        return new Posting(account, Side.DEBIT, amountFen);
    }

    /** Returns a credit of the account. */
    public static Posting credit(Account account, long amountFen) {
        return new Posting(account, Side.CREDIT, amountFen);
    }

    /** Returns the posting's effect on its account's balance (debit minus credit). */
    public long signedFen() {
        return side == Side.DEBIT ? amountFen : -amountFen;
    }
}
