/**
 * The Django REST Framework manners every simulated endpoint shares: body validation ({@link BodyReader}), paging with
 * its quirky links ({@link Paginator}), list filters, DRF-shaped errors ({@link ApiException}) and BioTime's naive wire
 * times ({@link SimTime}).
 */
package io.gatesync.sim.web;
