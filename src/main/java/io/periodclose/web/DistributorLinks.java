package io.periodclose.web;

import io.periodclose.files.DistributorCode;
import org.springframework.stereotype.Component;

/**
 * Which link the pages give a distributor. A valid code is a path segment ({@code /distributors/D0001}); a code
 * imported before codes were restricted may hold {@code /} or {@code %}, which the web tier's firewall refuses in a
 * path even encoded, so it goes in the query ({@code /distributors?code=..%2Fx}), escaped by the link expression.
 */
@Component("distributorLinks")
public class DistributorLinks {

    public boolean inPath(String code) {
        return DistributorCode.isValid(code);
    }
}
