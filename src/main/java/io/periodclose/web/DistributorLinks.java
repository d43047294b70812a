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

    /**
     * Whether a statement's file name can be a link: the names this release writes (valid codes, or escaped with
     * {@code ~}) always can; a name an earlier release wrote from an unsafe code ({@code ../../x.pdf}) is shown
     * without a link, since it is not served and the servlet container refuses to encode a path that climbs out.
     */
    public boolean linkable(String file) {
        if (file == null || file.isEmpty() || file.startsWith(".") || file.startsWith("-")) {
            return false;
        }
        return file.codePoints().allMatch(c -> c == '~' || c == '.' || c == '_' || c == '-' || Character.isLetter(c)
                || Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER);
    }
}
