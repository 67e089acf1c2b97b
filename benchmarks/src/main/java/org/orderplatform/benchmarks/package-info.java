/**
 * Benchmarks. They print figures and ratios against a baseline measured in the same run, on the
 * same machine; they assert nothing and are not part of the test suite.
 */
package org.orderplatform.benchmarks;
