/**
 * What every api route shares and no feature owns: checked request fields ({@link FieldChecks}), errors as RFC 9457
 * problems ({@link ProblemHandler}), paging, and the bounded pool JDBC runs on so the event loop never blocks
 * ({@link Blocking}). Depends on no feature package.
 */
package io.gatesync.api.web;
