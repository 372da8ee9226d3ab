/**
 * The threads intercom starts: {@link dev.intercom.thread.IntercomThread} names and creates each
 * of them, with its daemon flag and priority. Depends on nothing else of intercom.
 */
package dev.intercom.thread;
