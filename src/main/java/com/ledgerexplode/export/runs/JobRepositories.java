package com.ledgerexplode.export.runs;

import javax.sql.DataSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Isolation;

/** The JDBC job repository, as every command that reads or writes checkpoints builds it. */
public final class JobRepositories {
  private JobRepositories() {}

  /**
   * A JDBC job repository on this database (its tables must exist, see {@link
   * JobDatabases#repository}). Executions are created at READ_COMMITTED: the default, SERIALIZABLE,
   * fails under concurrent starts on PostgreSQL.
   */
  public static JobRepository jdbc(DataSource dataSource, PlatformTransactionManager transactions)
      throws Exception {
    JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
    factory.setDataSource(dataSource);
    factory.setTransactionManager(transactions);
    factory.setIsolationLevelForCreateEnum(Isolation.READ_COMMITTED);
    factory.afterPropertiesSet();
    return factory.getObject();
  }
}
