package io.periodclose.statement;

import io.periodclose.period.Quarter;
import io.periodclose.program.BonusProgram;
import io.periodclose.program.CoFunding;
import io.periodclose.program.Promo;
import io.periodclose.program.Rung;
import io.periodclose.rebate.RebateCalculator;
import io.periodclose.rebate.TurnoverFigures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Statements for the tests and the sample pictures; every balance below is worked out by hand in its comment. */
final class SampleStatements {

    static final Quarter Q2 = new Quarter(2026, 2);
    static final Quarter Q3 = new Quarter(2026, 3);
    static final String SHA = "9f2c4e1ab07d3c55e8a1f6b2d4c09e7a13b5f8d2c6e4a7b9d1f3e5c7a9b2d4f6";
    static final String ALFA = "ООО «Альфа-Трейд»";

    /** The programme of SPEC §3. */
    static final BonusProgram MB_2026 = new BonusProgram("MB-2026", 2026,
            Map.of("BRONZE", d("0.5"), "SILVER", d("1.0"), "GOLD", d("1.5"), "PLATINUM", d("2.0")),
            List.of(new Rung(d("80"), d("2.0")), new Rung(d("100"), d("5.0"))),
            List.of(new Rung(d("10"), d("0.5")), new Rung(d("25"), d("1.0"))),
            List.of(new Promo("PRINTERS", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 5, 31), d("1.0"))),
            d("5.0"),
            new CoFunding(d("50"), List.of("CATALOGUES", "TRADE_SHOWS")));

    private SampleStatements() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static StatementHeader header(String code, String legalName, String currency, String documentId) {
        return new StatementHeader("Принтеры и Ко АО", code, legalName, currency, documentId,
                LocalDate.of(2026, 10, 2));
    }

    static Movement claim(String id, LocalDate date, String direction, String description, String amount,
                          String requested, String covered) {
        return Movement.spend(new ClaimDetail(id, date, direction, description, d(amount), d(requested), d(covered),
                d(amount).subtract(d(covered))));
    }

    /**
     * GOLD, EUR, 2026-Q3: T 120 000.00 of a 150 000.00 target (80 %: the 80 rung, 2 %), last year 100 000.00
     * (20 %: the 10 rung, 0.5 %). Base 1 800.00 + attainment 2 400.00 + growth 600.00 = 4 800.00 under the cap of
     * 6 000.00; 30 000.00 more turnover would have reached the 100 rung. The balance goes negative through a
     * re-close's adjustment after the fund was spent.
     */
    static QuarterStatement alfaQ3() {
        List<Movement> movements = List.of(
                Movement.accrual(Q2, d("6000.00")),                                                  //  7 250.00
                claim("C-1001", LocalDate.of(2026, 7, 15), "CATALOGUES", "Печать каталогов «Осень 2026»",
                        "4000.00", "4000.00", "4000.00"),                                            //  3 250.00
                Movement.adjustment(LocalDate.of(2026, 8, 3), Q2, d("-350.00"), null),               //  2 900.00
                claim("C-1002", LocalDate.of(2026, 8, 20), "ADVERTISING", "Реклама в отраслевом журнале",
                        "5000.00", "2500.00", "2500.00"),                                            //    400.00
                claim("C-1003", LocalDate.of(2026, 9, 10), "TRADE_SHOWS", "Стенд на выставке «Офис-Экспо»",
                        "3000.00", "3000.00", "400.00"),                                             //      0.00
                claim("C-1004", LocalDate.of(2026, 9, 25), "BOOKLETS", "", "1000.00", "500.00", "0.00"), // 0.00
                Movement.adjustment(LocalDate.of(2026, 9, 28), Q2, d("-1234.50"), null));            // −1 234.50
        Bonus bonus = Bonus.of(RebateCalculator.calculate(MB_2026, new TurnoverFigures("D0042", Q3, "EUR", "GOLD",
                d("120000.00"), d("150000.00"), d("100000.00"), List.of(d("0")))));
        return new QuarterStatement(header("D0042", ALFA, "EUR", "QS-2026-Q3-D0042"), Q3, "MB-2026", SHA,
                d("1250.00"), movements, d("-1234.50"), bonus);
    }

    /** The worked example of docs/calculation.md, where the cap binds: 8 600.00 capped to 6 000.00. */
    static Bonus cappedQ2() {
        return Bonus.of(RebateCalculator.calculate(MB_2026, new TurnoverFigures("D0042", Q2, "EUR", "GOLD",
                d("120000.00"), d("100000.00"), d("100000.00"), List.of(d("20000.00")))));
    }

    static Bonus noTurnoverQ3(String currency, String turnover) {
        return Bonus.of(RebateCalculator.calculate(MB_2026, new TurnoverFigures("D0042", Q3, currency, "SILVER",
                d(turnover), d("150000.00"), d("0"), List.of(d("0")))));
    }

    /** {@code count} claims of 10.00 each, fully covered, from an opening balance of 10 000.00. */
    static QuarterStatement manyMovements(int count) {
        List<Movement> movements = new ArrayList<>();
        BigDecimal balance = d("10000.00");
        for (int i = 0; i < count; i++) {
            movements.add(claim("C-%04d".formatted(i), Q3.firstDay().plusDays(i % 90), "SAMPLES",
                    "Образцы продукции, партия " + (i + 1), "20.00", "10.00", "10.00"));
            balance = balance.subtract(d("10.00"));
        }
        return new QuarterStatement(header("D0042", ALFA, "EUR", "QS-2026-Q3-D0042"), Q3, "MB-2026", SHA,
                d("10000.00"), movements, balance, noTurnoverQ3("EUR", "0.00"));
    }

    /**
     * 2026 for the same distributor: opens at 500.00; Q1 +2 000.00 accrual −700.00 claim; Q2 +3 000.00 accrual;
     * Q3 none; Q4 −300.00 adjustment, −1 500.00 claim. Before the expiry 3 000.00, all of which expires.
     */
    static AnnualStatement alfa2026() {
        List<Movement> movements = List.of(
                Movement.accrual(new Quarter(2025, 4), d("2000.00")),
                claim("C-0901", LocalDate.of(2026, 2, 12), "CATALOGUES", "Каталог 2026", "700.00", "700.00", "700.00"),
                Movement.accrual(new Quarter(2026, 1), d("3000.00")),
                Movement.adjustment(LocalDate.of(2026, 10, 20), Q3, d("-300.00"), "перерасчёт по кредит-ноте"),
                claim("C-1101", LocalDate.of(2026, 11, 5), "ADVERTISING", "Баннеры на маркетплейсе",
                        "3000.00", "1500.00", "1500.00"));
        return new AnnualStatement(header("D0042", ALFA, "EUR", "AS-2026-D0042"), 2026, d("500.00"), movements,
                d("3000.00"), d("0.00"));
    }
}
