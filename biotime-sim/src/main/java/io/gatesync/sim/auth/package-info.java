/**
 * BioTime's two logins ({@link AuthController}: JWT and DRF token), the tokens issued ({@link TokenStore}), and the
 * filter that guards the REST API with them ({@link AuthFilter}); device endpoints stay open.
 */
package io.gatesync.sim.auth;
