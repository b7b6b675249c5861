package org.esignonbridge.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.context.BootstrapUtils;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The order of test classes (src/test/resources/junit-platform.properties): by name, except that
 * product test classes with the same Spring configuration run one after the other, so that they
 * share one started product (Spring's context cache holds one at a time, see {@link CachedProduct}).
 */
public class ProductTestOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        List<ClassDescriptor> byName = new ArrayList<>(context.getClassDescriptors());
        byName.sort(Comparator.comparing(descriptor -> descriptor.getTestClass().getName()));
        Map<Object, List<ClassDescriptor>> byConfiguration = new LinkedHashMap<>();
        for (ClassDescriptor descriptor : byName) {
            byConfiguration.computeIfAbsent(configuration(descriptor.getTestClass()), key -> new ArrayList<>()).add(descriptor);
        }
        List<ClassDescriptor> ordered = byConfiguration.values().stream().flatMap(List::stream).toList();
        context.getClassDescriptors().clear();
        ((List<ClassDescriptor>) context.getClassDescriptors()).addAll(ordered);
    }

    /** What Spring's context cache keys a product test class by; any other class: itself. */
    private static Object configuration(Class<?> testClass) {
        if (!ProductTest.class.isAssignableFrom(testClass)) {
            return testClass;
        }
        try {
            MergedContextConfiguration configuration = BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration();
            return configuration;
        } catch (RuntimeException e) {
            return testClass;
        }
    }
}
