package io.gatesync.sim.rules;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.sim.SimProperties.Rules;
import io.gatesync.sim.web.ApiException;

/**
 * {@code POST /sim/rules {"manualLogApproval":"auto"}} changes the given rules (values as in {@code sim.rules.*},
 * e.g. {@code as-sent}); {@code GET} shows them; {@code DELETE} goes back to the start-up rules. An unknown field
 * or value is a 400 naming it, and nothing changes.
 */
@RestController
@RequestMapping("/sim/rules")
class RulesController {

    private final SimRules rules;

    RulesController(SimRules rules) {
        this.rules = rules;
    }

    @GetMapping
    Rules get() {
        return rules.current();
    }

    @PostMapping
    Rules merge(@RequestBody Map<String, Object> body) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        List<UnaryOperator<Rules>> changes = new ArrayList<>();
        body.forEach((field, value) -> {
            try {
                changes.add(change(field, value));
            } catch (IllegalArgumentException e) {
                errors.put(field, List.of(e.getMessage()));
            }
        });
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return rules.update(r -> {
            for (UnaryOperator<Rules> c : changes) {
                r = c.apply(r);
            }
            return r;
        });
    }

    @DeleteMapping
    Rules reset() {
        rules.reset();
        return rules.current();
    }

    /** Sets one component of the rules record, by its name, to the value read as that component's type. */
    private static UnaryOperator<Rules> change(String field, Object v) {
        RecordComponent[] components = Rules.class.getRecordComponents();
        int index = -1;
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(field)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("Unknown rule.");
        }
        Class<?> type = components[index].getType();
        Object value;
        if (type == boolean.class) {
            if (!(v instanceof Boolean)) {
                throw new IllegalArgumentException("Must be a valid boolean.");
            }
            value = v;
        } else if (type == int.class) {
            if (!(v instanceof Integer n) || n < 1) {
                throw new IllegalArgumentException("Must be a whole number of at least 1.");
            }
            value = v;
        } else {
            value = choice(type.asSubclass(Enum.class), v);
        }
        int changed = index;
        return r -> {
            Object[] args = new Object[components.length];
            try {
                for (int i = 0; i < components.length; i++) {
                    args[i] = i == changed ? value : components[i].getAccessor().invoke(r);
                }
                return Rules.class
                        .getDeclaredConstructor(Arrays.stream(components)
                                .map(RecordComponent::getType)
                                .toArray(Class<?>[]::new))
                        .newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** "as-sent", "AS_SENT" and "As-Sent" alike, as Spring's relaxed binding reads {@code sim.rules.*}. */
    @SuppressWarnings("rawtypes")
    private static Object choice(Class<? extends Enum> type, Object v) {
        if (v instanceof String s) {
            String name = s.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            for (Enum e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
        }
        List<String> allowed = new ArrayList<>();
        for (Enum<?> e : type.getEnumConstants()) {
            allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("\"" + v + "\" is not a valid choice: " + String.join(", ", allowed) + ".");
    }
}
