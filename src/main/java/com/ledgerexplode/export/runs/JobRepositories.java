package com.ledgerexplode.export.runs;

import javax.sql.DataSource;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.Isolation;

/**
 * The one factory of the job repository and its operator, for every command that runs, reads or
 * operates checkpoints: the run's Spring context is given these, never builds its own.
 */
public final class JobRepositories {
  private JobRepositories() {}

  /**
   * The JDBC job repository on this database, its operator, and the transaction manager of both
   * (which the chunks use too, so that a checkpoint commits with its chunk).
   */
  public record Runs(
      JobRepository repository,
      JobOperator operator,
      DataSourceTransactionManager transactionManager) {}

  /**
   * Opens the job repository on this database (its tables must exist, see {@link
   * JobDatabases#repository}). Executions are created at READ_COMMITTED: the default, SERIALIZABLE,
   * fails under concurrent starts on PostgreSQL.
   */
  public static Runs open(DataSource dataSource) {
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    try {
      JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
      factory.setDataSource(dataSource);
      factory.setTransactionManager(transactions);
      factory.setIsolationLevelForCreateEnum(Isolation.READ_COMMITTED);
      factory.afterPropertiesSet();
      JobRepository repository = factory.getObject();
      TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
      operator.setJobRepository(repository);
      operator.setJobRegistry(new MapJobRegistry());
      operator.afterPropertiesSet();
      return new Runs(repository, operator, transactions);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot open the job repository: " + e.getMessage(), e);
    }
  }
}
