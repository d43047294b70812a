package io.periodclose.web;

import io.periodclose.ops.AuditLog.Channel;
import io.periodclose.ops.Operations.Actor;
import org.springframework.security.core.Authentication;

/** The signed-in user as the one who acts, through the web interface or the API. */
public final class Actors {

    private Actors() {
    }

    public static Actor web(Authentication authentication) {
        return new Actor(authentication.getName(), Channel.WEB);
    }

    public static Actor api(Authentication authentication) {
        return new Actor(authentication.getName(), Channel.API);
    }
}
