/**
 * Alerting without Kafka. Wiring, in order:
 * <ol>
 *   <li>{@link org.alignmentmonitor.alerts.RuleFile#load(java.nio.file.Path)} at start (fail fast: the
 *       exception lists every problem); {@link org.alignmentmonitor.alerts.RuleFile#windows()} says which
 *       window lengths to aggregate;</li>
 *   <li>per model version, window length and tick, build an {@link org.alignmentmonitor.alerts.Observation}
 *       and call {@link org.alignmentmonitor.alerts.AlertEngine#evaluate(LifecycleState, Observation, Observation)}
 *       with the stored {@link org.alignmentmonitor.alerts.LifecycleState} and the previous version's
 *       observation (or null); store the returned state and publish the returned events;</li>
 *   <li>give each published event to
 *       {@link org.alignmentmonitor.alerts.webhook.WebhookDispatcher#dispatch(org.alignmentmonitor.avro.Alert)},
 *       after handing what waits in its {@link org.alignmentmonitor.alerts.webhook.Outbox} to
 *       {@link org.alignmentmonitor.alerts.webhook.WebhookDispatcher#redeliver(java.util.Collection)} once at start.</li>
 * </ol>
 */
package org.alignmentmonitor.alerts;
