/**
 * {@link Cnic}: the person's key everywhere. Gates may send it with or without dashes; it is stored in the
 * {@code people} table and sent to BioTime as emp_code in one canonical form, the 13 digits alone.
 */
package io.gatesync.common.person;
