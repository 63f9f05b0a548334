package io.gatesync.api.event;

/** One gate event as a gate sends it; fields are text so each can be checked and reported by name. */
public record EventRequest(String eventId, String cnic, String direction, String time, String gate) {}
