/**
 * Command line: {@code java -jar bulwark-redact.jar} filters stdin to stdout line by line, and
 * {@code java -jar bulwark-redact.jar scan <dir>} reports hardcoded secrets (text or SARIF 2.1.0).
 */
@NullMarked
package io.bulwark.redact.cli;

import org.jspecify.annotations.NullMarked;
