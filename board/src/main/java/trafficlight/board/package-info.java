/** The traffic light board: what is deployed where, read from the gate issues. */
package trafficlight.board;
