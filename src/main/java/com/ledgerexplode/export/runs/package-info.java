/**
 * Runs and their checkpoints: the job repository and operator, the run guard, recovery of dead
 * executions, and the exceptions that say why a run may not start. Values are non-null unless
 * marked.
 */
@NullMarked
package com.ledgerexplode.export.runs;

import org.jspecify.annotations.NullMarked;
