/**
 * {@code /zkteco/parked} ({@link ParkingController}): the punches the attendance pull read but could not import
 * yet, kept by the worker's {@code attendance.ParkingList} in {@code parked_punches}; an admin may ask for a retry,
 * which the next periodic pull carries out ({@link ParkingService}).
 */
package io.gatesync.api.parking;
