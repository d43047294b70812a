package io.periodclose.cli;

import io.periodclose.support.Books;
import io.periodclose.support.CommandLineRun;
import io.periodclose.support.DatabaseTest;
import io.periodclose.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OWASP's CSV injection rule in every CSV the commands write: a text cell beginning with =, +, - or @ gets a leading
 * quote; the amounts stay numbers. The codes are inserted straight into the tables, as rows imported before codes
 * were restricted; the claim ids and rejected records come through the import.
 */
@DatabaseTest
class FormulaInjectionCsvTest {

    static final List<String> CODES = List.of("=1+2", "+1", "-x", "@SUM(A1)");

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void books() {
        Books.wipe(jdbc);
        Fixtures books = new Fixtures(jdbc).distributor("D1", "GOLD", "EUR")
                .invoice("D1", "2026-02-10", "LAPTOPS", "1000.00", "EUR");
        for (String code : CODES) {
            books.distributor(code, "GOLD", "EUR").invoice(code, "2026-02-10", "LAPTOPS", "1000.00", "EUR");
        }
    }

    @Test
    void reportsRejectReportsAndTheManifestNeutraliseEachOfTheFourCharacters() throws Exception {
        CommandLineRun close = cli("close", "--period", "2026-Q1", "--as-of", "2026-04-02");
        assertThat(close.exitCode()).as(close.err()).isZero();
        // the bonus (GOLD 1.5 % of 1,000.00) is credited on 1 April: the quarter closes at 0.00
        assertThat(Files.readAllLines(dir.resolve("out/statements/2026-Q1/manifest.csv")))
                .contains("'=1+2,~3D1~2B2.pdf," + sha256("~3D1~2B2.pdf") + ",0.00",
                        "'+1,~2B1.pdf," + sha256("~2B1.pdf") + ",0.00",
                        "'-x,~2Dx.pdf," + sha256("~2Dx.pdf") + ",0.00",
                        "'@SUM(A1),~40SUM~28A1~29.pdf," + sha256("~40SUM~28A1~29.pdf") + ",0.00");

        CommandLineRun balances = cli("balances", "--as-of", "2026-04-30");
        assertThat(balances.exitCode()).as(balances.err()).isZero();
        assertThat(balances.out().lines()).containsExactly("distributor_code,currency,balance",
                "'+1,EUR,15.00", "'-x,EUR,15.00", "'=1+2,EUR,15.00", "'@SUM(A1),EUR,15.00", "D1,EUR,15.00");

        CommandLineRun rebates = cli("rebates", "--period", "2026-Q1");
        assertThat(rebates.exitCode()).as(rebates.err()).isZero();
        assertThat(rebates.out().lines().skip(1).map(line -> line.split(",")[0]))
                .containsExactly("'+1", "'-x", "'=1+2", "'@SUM(A1)", "D1");

        Path claims = dir.resolve("claims.csv");
        Files.writeString(claims, """
                claim_id,distributor_code,claim_date,direction,description,amount,currency
                =C1,D1,2026-04-10,CATALOGUES,Каталоги,1.00,EUR
                +C2,D1,2026-04-10,CATALOGUES,Каталоги,1.00,EUR
                -C3,D1,2026-04-10,CATALOGUES,Каталоги,1.00,EUR
                @C4,D1,2026-04-10,CATALOGUES,Каталоги,1.00,EUR
                =1+2,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR
                +1,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR
                -1,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR
                @1,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR
                """, StandardCharsets.UTF_8);
        CommandLineRun imported = cli("import", "claims", claims.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("claims.rejects.csv"))).containsExactly("line,reason,record",
                "6,unknown distributor NOPE,\"'=1+2,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR\"",
                "7,unknown distributor NOPE,\"'+1,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR\"",
                "8,unknown distributor NOPE,\"'-1,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR\"",
                "9,unknown distributor NOPE,\"'@1,NOPE,2026-04-10,CATALOGUES,x,1.00,EUR\"");

        CommandLineRun report = cli("claims", "--period", "2026-Q2");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out().lines()).containsExactly("claim_id,distributor_code,amount,covered,distributor_pays,status",
                "'+C2,D1,1.00,,,PENDING", "'-C3,D1,1.00,,,PENDING", "'=C1,D1,1.00,,,PENDING", "'@C4,D1,1.00,,,PENDING");
    }

    private String sha256(String file) throws Exception {
        return io.periodclose.statement.StatementFiles.sha256(
                Files.readAllBytes(dir.resolve("out/statements/2026-Q1").resolve(file)));
    }

    private CommandLineRun cli(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "--programs";
        full[1] = "src/test/resources/programs";
        full[2] = "--out";
        full[3] = dir.resolve("out").toString();
        System.arraycopy(args, 0, full, 4, args.length);
        return CommandLineRun.of(full);
    }
}
