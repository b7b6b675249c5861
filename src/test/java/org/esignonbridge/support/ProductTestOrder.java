package org.esignonbridge.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.springframework.test.context.BootstrapUtils;

/**
 * The order of test classes (src/test/resources/junit-platform.properties): by name, except that
 * product test classes with the same Spring configuration run one after the other, so that they
 * share one started product (Spring's context cache holds one at a time, see {@link CachedProduct}).
 */
public class ProductTestOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        Comparator<ClassDescriptor> byName = Comparator.comparing(descriptor -> descriptor.getTestClass().getName());
        List<ClassDescriptor> classes = new ArrayList<>(context.getClassDescriptors());
        classes.sort(byName);
        Map<Object, Integer> configurations = new HashMap<>();   // in the order their first class comes by name
        Map<ClassDescriptor, Integer> group = new HashMap<>();
        for (ClassDescriptor descriptor : classes) {
            group.put(descriptor, configurations.computeIfAbsent(configuration(descriptor.getTestClass()), key -> configurations.size()));
        }
        context.getClassDescriptors().sort(Comparator.<ClassDescriptor, Integer>comparing(group::get).thenComparing(byName));
    }

    /** What Spring's context cache keys a product test class by; any other class: itself. */
    private static Object configuration(Class<?> testClass) {
        if (!ProductTest.class.isAssignableFrom(testClass)) {
            return testClass;
        }
        try {
            return BootstrapUtils.resolveTestContextBootstrapper(testClass).buildMergedContextConfiguration();
        } catch (RuntimeException e) {
            return testClass;
        }
    }
}
