package io.periodclose.web;

import io.periodclose.BadInputException;
import io.periodclose.ledger.DistributorAccount;
import io.periodclose.rebate.RebateHistory;
import io.periodclose.statement.StatementCatalog;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Finding a distributor, and its page: balance history and the explanation of each quarter's bonus. */
@Controller
class DistributorsController {

    private final DistributorAccount accounts;
    private final RebateHistory rebates;
    private final StatementCatalog statements;
    private final Words words;

    DistributorsController(DistributorAccount accounts, RebateHistory rebates, StatementCatalog statements,
                           Words words) {
        this.words = words;
        this.accounts = accounts;
        this.rebates = rebates;
        this.statements = statements;
    }

    @GetMapping("/distributors")
    String search(@RequestParam(defaultValue = "") String q, Model model) {
        model.addAttribute("q", q);
        model.addAttribute("distributors", accounts.search(q, 200));
        return "distributors";
    }

    /** A distributor whose code cannot be a path segment (imported before codes were restricted). */
    @GetMapping(path = "/distributors", params = "code")
    String showByQuery(@RequestParam String code, Model model) {
        return show(code, model);
    }

    @GetMapping("/distributors/{code}")
    String show(@PathVariable String code, Model model) {
        model.addAttribute("distributor", accounts.distributor(code)
                .orElseThrow(() -> new BadInputException(words.get("problem.noDistributor", code))));
        model.addAttribute("lines", accounts.history(code));
        model.addAttribute("rebates", rebates.of(code));
        model.addAttribute("statements", statements.statementsOf(code));
        return "distributor";
    }
}
