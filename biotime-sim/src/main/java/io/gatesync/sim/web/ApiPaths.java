package io.gatesync.sim.web;

import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;

/** Which paths are the BioTime API (counted, faulted) as opposed to the simulator's own /sim/ and /actuator/. */
public final class ApiPaths {

    /** A REST collection such as /personnel/api/employees/ (a detail path has one more segment). */
    private static final Pattern COLLECTION = Pattern.compile("^/(personnel|iclock|att)/api/[^/]+/?$");

    private ApiPaths() {}

    public static boolean isApi(String path) {
        return path.startsWith("/personnel/")
                || path.startsWith("/iclock/")
                || path.startsWith("/att/")
                || path.startsWith("/jwt-api-token-auth")
                || path.startsWith("/api-token-auth");
    }

    /** A list read: GET on a collection. */
    public static boolean isList(HttpMethod method, String path) {
        return HttpMethod.GET.equals(method) && COLLECTION.matcher(path).matches();
    }
}
