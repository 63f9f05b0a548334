/**
 * {@link Texts}: small helpers both apps share, to shorten a text to a maximum length ({@code truncate}) and to find a
 * cause of a given type in an exception chain ({@code causeOf}).
 */
package io.gatesync.common.text;
