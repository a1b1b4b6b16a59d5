package org.alignmentmonitor.monitor.access;

/** A person allowed into the review UI; {@code name} is what labels record as the labeller. */
public record ReviewUser(String name, Role role) {

    public boolean lead() {
        return role == Role.LEAD;
    }
}
