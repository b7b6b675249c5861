package org.esignonbridge.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Puts the real database behind a switch: {@link #down()} makes every new connection fail as an
 * unreachable server does, {@link #failStatementsContaining} breaks the connection when a matching
 * statement is prepared, as a server that goes away mid-transaction does.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DatabaseOutage implements BeanPostProcessor {

    private volatile boolean down;
    private volatile String failingStatement;

    public void down() {
        down = true;
    }

    public void failStatementsContaining(String text) {
        failingStatement = text;
    }

    public void restore() {
        down = false;
        failingStatement = null;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && "dataSource".equals(beanName)) {
            return proxy(DataSource.class, dataSource, (method, args) -> {
                if (method.equals("getConnection") && down) {
                    throw new SQLTransientConnectionException("Connection refused (test outage)");
                }
                return null;
            });
        }
        return bean;
    }

    private interface Interceptor {
        /** Throws to fail the call, returns null to let it through. */
        Object before(String method, Object[] args) throws Exception;
    }

    private <T> T proxy(Class<T> type, T target, Interceptor interceptor) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            interceptor.before(method.getName(), args);
            try {
                Object result = method.invoke(target, args);
                if (result instanceof Connection connection) {
                    return proxy(Connection.class, connection, (name, callArgs) -> {
                        String failing = failingStatement;
                        if (name.startsWith("prepare") && failing != null && callArgs != null
                                && callArgs[0] instanceof String sql && sql.contains(failing)) {
                            throw new SQLTransientConnectionException("Connection reset (test outage)");
                        }
                        return null;
                    });
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }
}
