package org.esignonbridge.receive;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure says the database is unreachable (a connection refused or broken, a commit
 * whose outcome is unknown: Spring reports one that broke mid-transaction as "JDBC rollback
 * failed"), rather than a bug. The webhook then keeps the export in the spool, and the spool waits
 * and tries again (routes receive-errors and receive-spool-errors, through onException's onWhen).
 */
@Component("databaseUnreachable")
public class DatabaseUnreachable {

    private static final List<Class<? extends Throwable>> UNREACHABLE = List.of(
            CannotCreateTransactionException.class,
            TransactionSystemException.class,
            DataAccessResourceFailureException.class,
            TransientDataAccessException.class,
            RecoverableDataAccessException.class,
            SQLTransientException.class,
            SQLRecoverableException.class);

    /** True when the exception being handled, or one of its causes, is one of the classes above. */
    public boolean matches(Exchange exchange) {
        // while an onException is chosen the exception is kept here, not in getException()
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure != null && UNREACHABLE.stream().anyMatch(type -> ObjectHelper.getException(type, failure) != null);
    }
}
