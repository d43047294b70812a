package io.periodclose.portal;

import io.periodclose.BadInputException;
import io.periodclose.RefusedException;
import io.periodclose.ledger.BonusFundQueries;
import io.periodclose.ledger.DistributorAccount;
import io.periodclose.money.Currencies;
import io.periodclose.ops.AuditLog;
import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.AuditLog.Outcome;
import io.periodclose.ops.Operations.Actor;
import io.periodclose.period.Quarter;
import io.periodclose.rebate.RebateCalculation;
import io.periodclose.rebate.RebateComponent;
import io.periodclose.statement.StatementCatalog;
import io.periodclose.web.StatementDownloads;
import io.periodclose.web.security.UsersDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The distributor portal: one distributor's fund, statements, claims and progress in the open quarter, for its
 * DISTRIBUTOR users only (SecurityConfiguration). Which distributor is never taken from the request: it is the one
 * the signed-in user is bound to in the users file, and every query is bound to it, so another distributor's
 * statement or claim is not found (404) whatever id or path is tried. Every view is in the audit trail.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class PortalController {

    /** A page of the portal could not be shown to this user: 404 with the reason in the audit trail. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** The user's distributor is gone from the master data: signed out, 403. */
    static final class NoLongerAllowed extends RuntimeException {
        NoLongerAllowed(String message) {
            super(message);
        }
    }

    private final UsersDirectory users;
    private final DistributorAccount accounts;
    private final BonusFundQueries fund;
    private final StatementCatalog statements;
    private final StatementDownloads downloads;
    private final PortalClaims claims;
    private final QuarterEstimates estimates;
    private final AuditLog audit;
    private final Clock clock;

    PortalController(UsersDirectory users, DistributorAccount accounts, BonusFundQueries fund,
                     StatementCatalog statements, StatementDownloads downloads, PortalClaims claims,
                     QuarterEstimates estimates, AuditLog audit, ObjectProvider<Clock> clock) {
        this.users = users;
        this.accounts = accounts;
        this.fund = fund;
        this.statements = statements;
        this.downloads = downloads;
        this.claims = claims;
        this.estimates = estimates;
        this.audit = audit;
        this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
    }

    @ModelAttribute
    void words(HttpServletRequest request, @RequestParam(required = false) String lang, Model model) {
        String language = PortalText.language(request, lang);
        model.addAttribute("lang", language);
        model.addAttribute("t", PortalText.of(language));
        // the same page in the other language, relative (never the Host header), its other parameters kept
        String path = request.getRequestURI().substring(request.getContextPath().length());
        model.addAttribute("otherLanguageUrl", UriComponentsBuilder.fromPath(path).query(request.getQueryString())
                .replaceQueryParam("lang", PortalText.RU.equals(language) ? PortalText.EN : PortalText.RU)
                .build().toUriString());
    }

    @GetMapping("/portal")
    String overview(Authentication user, HttpServletRequest request, Model model) {
        DistributorAccount.Distributor d = distributor(user);
        LocalDate today = LocalDate.now(clock);
        LocalDate expires = LocalDate.of(today.getYear(), 12, 31);
        BigDecimal balance = fund.balance(d.code(), today);
        // what the year-end will lapse if nothing is spent: the positive balance at 31.12 of what is booked now
        BigDecimal atYearEnd = fund.balance(d.code(), expires);
        model.addAttribute("distributor", d);
        model.addAttribute("today", today);
        model.addAttribute("balance", Currencies.format(balance, d.currency()));
        model.addAttribute("expires", expires);
        model.addAttribute("expiring", Currencies.format(atYearEnd.max(BigDecimal.ZERO), d.currency()));
        Quarter open = Quarter.of(today);
        model.addAttribute("quarter", open);
        model.addAttribute("progress", estimates.estimate(d.code(), open).map(Progress::of).orElse(null));
        viewed(user, request, d);
        return "portal-overview";
    }

    @GetMapping("/portal/fund")
    String movements(Authentication user, HttpServletRequest request, Model model) {
        DistributorAccount.Distributor d = distributor(user);
        model.addAttribute("distributor", d);
        model.addAttribute("lines", accounts.history(d.code()));
        viewed(user, request, d);
        return "portal-fund";
    }

    @GetMapping("/portal/statements")
    String statements(Authentication user, HttpServletRequest request, Model model) {
        DistributorAccount.Distributor d = distributor(user);
        model.addAttribute("distributor", d);
        model.addAttribute("statements", statements.statementsOf(d.code()).stream()
                .filter(s -> s.file() != null).toList());
        viewed(user, request, d);
        return "portal-statements";
    }

    /**
     * A statement of the user's own distributor only: the period and file must be one the books list for it, so
     * another's file, a guessed name or a path that would leave the folder is not found. The download itself is
     * audited (and its SHA-256 checked) by {@link StatementDownloads}.
     */
    @GetMapping("/portal/statements/{period}/{file}")
    ResponseEntity<Resource> statement(Authentication user, @PathVariable String period, @PathVariable String file) {
        DistributorAccount.Distributor d = distributor(user);
        boolean own = statements.statementsOf(d.code()).stream()
                .anyMatch(s -> period.equals(s.period()) && file.equals(s.file()));
        if (!own) {
            throw new NotFound("there is no statement " + period + "/" + file + " of " + d.code());
        }
        return downloads.statement(new Actor(user.getName(), Channel.WEB), period, file);
    }

    @GetMapping("/portal/claims")
    String claims(Authentication user, HttpServletRequest request, Model model) {
        DistributorAccount.Distributor d = distributor(user);
        model.addAttribute("distributor", d);
        model.addAttribute("claims", claims.of(d.code()));
        viewed(user, request, d);
        return "portal-claims";
    }

    @GetMapping("/portal/claim")
    String claim(Authentication user, @RequestParam String id, HttpServletRequest request, Model model) {
        DistributorAccount.Distributor d = distributor(user);
        model.addAttribute("distributor", d);
        model.addAttribute("claim", claims.one(d.code(), id)
                .orElseThrow(() -> new NotFound("there is no claim " + id + " of " + d.code())));
        viewed(user, request, d);
        return "portal-claim";
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFound e, HttpServletRequest request, Model model) {
        refused(request, e.getMessage());
        return problem(request, model, "notFound");
    }

    /** A statement the books list for the distributor but that is missing or refused on disk (audited there). */
    @ExceptionHandler(BadInputException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String missing(BadInputException e, HttpServletRequest request, Model model) {
        return problem(request, model, "notFound");
    }

    @ExceptionHandler(RefusedException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String refusedFile(RefusedException e, HttpServletRequest request, Model model) {
        return problem(request, model, "refused");
    }

    @ExceptionHandler(NoLongerAllowed.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String noLongerAllowed(NoLongerAllowed e, HttpServletRequest request, Model model) {
        refused(request, e.getMessage());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return problem(request, model, "noLongerAllowed");
    }

    private String problem(HttpServletRequest request, Model model, String what) {
        words(request, null, model);
        model.addAttribute("problem", what);
        return "portal-problem";
    }

    /**
     * The signed-in user's distributor, as the users file binds it and only while the master data still has it
     * (a session opened before it was removed ends here).
     */
    private DistributorAccount.Distributor distributor(Authentication user) {
        String code = users.distributorOf(user.getName())
                .orElseThrow(() -> new NoLongerAllowed("user " + user.getName() + " is not bound to a distributor"));
        if (!users.mayActNow(user.getName())) {
            throw new NoLongerAllowed("distributor " + code + " of user " + user.getName() + " no longer exists");
        }
        return accounts.distributor(code)
                .orElseThrow(() -> new NoLongerAllowed("distributor " + code + " no longer exists"));
    }

    private void viewed(Authentication user, HttpServletRequest request, DistributorAccount.Distributor d) {
        audit.record(user.getName(), Channel.WEB, "PORTAL_VIEW", target(request), null, Outcome.DONE,
                "distributor " + d.code());
    }

    private void refused(HttpServletRequest request, String why) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        audit.record(user == null ? "unknown" : user.getName(), Channel.WEB, "PORTAL_VIEW", target(request), null,
                Outcome.REFUSED, why);
    }

    private static String target(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return request.getQueryString() == null ? path : path + "?" + request.getQueryString();
    }

    /**
     * The progress of the open quarter as the page shows it, from the calculator's own result: turnover, target,
     * attainment and growth so far, the rung reached, what more reaches the next one, the bonus if it closed today.
     */
    record Progress(Quarter quarter, OffsetDateTime latestImport, String currency, String turnover, String target,
                    BigDecimal attainment, BigDecimal growth, BigDecimal rungFrom, BigDecimal rungRate,
                    BigDecimal nextRungFrom, String toNextRung, String bonus, boolean capApplied,
                    List<Map.Entry<String, String>> components) {

        static Progress of(QuarterEstimates.Estimate estimate) {
            RebateCalculation c = estimate.calculation();
            String currency = c.figures().currency();
            Optional<RebateComponent> attainment = component(c, RebateComponent.Kind.ATTAINMENT);
            Optional<RebateComponent> growth = component(c, RebateComponent.Kind.GROWTH);
            return new Progress(estimate.quarter(), estimate.latestImport(), currency,
                    Currencies.format(c.figures().turnover(), currency),
                    c.figures().target() == null ? null : Currencies.format(c.figures().target(), currency),
                    attainment.map(RebateComponent::percent).orElse(null),
                    growth.map(RebateComponent::percent).orElse(null),
                    attainment.map(RebateComponent::rung).map(r -> r.from()).orElse(null),
                    attainment.map(RebateComponent::rung).map(r -> r.rate()).orElse(null),
                    c.nextRung() == null ? null : c.nextRung().rung().from(),
                    c.nextRung() == null ? null : Currencies.format(c.nextRung().turnoverNeeded(), currency),
                    Currencies.format(c.total(), currency), c.capApplied(),
                    c.components().stream().map(k -> Map.entry(k.kind().name(),
                            Currencies.format(k.amount(), currency))).toList());
        }

        private static Optional<RebateComponent> component(RebateCalculation c, RebateComponent.Kind kind) {
            return c.components().stream().filter(k -> k.kind() == kind).findFirst();
        }
    }
}
