package org.alignmentmonitor.monitor.review;

/** A request the review UI refuses, with the HTTP status to answer; the message is shown to the user. */
final class ReviewHttpException extends RuntimeException {

    private final int status;

    ReviewHttpException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
