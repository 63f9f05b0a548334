package io.gatesync.sim.personnel;

import java.util.Optional;

import org.springframework.stereotype.Component;

import io.gatesync.sim.KeyedStore;

/**
 * Thread-safe employee store in id order, with an emp_code index. Reads are lock-free; writes are serialised
 * so emp_code stays unique (see {@link EmployeeService}, which validates and writes under {@link #lock()}).
 */
@Component
public class EmployeeStore extends KeyedStore<Employee> {

    private final Object lock = new Object();

    public EmployeeStore() {
        super(Employee::id, Employee::empCode);
    }

    /** Held while validating and writing, so a concurrent duplicate emp_code cannot slip in between. */
    Object lock() {
        return lock;
    }

    /** Exact emp_code lookup, whatever the list filter's match mode. */
    public Optional<Employee> byCode(String empCode) {
        return byKey(empCode);
    }

    /** Stores a new employee under the next id; the caller has checked emp_code is free. */
    Employee insert(Employee e) {
        synchronized (lock) {
            Employee stored = e.withId(nextId());
            put(stored);
            return stored;
        }
    }

    Employee replace(Employee e) {
        synchronized (lock) {
            put(e);
            return e;
        }
    }

    public boolean delete(long id) {
        synchronized (lock) {
            return remove(id) != null;
        }
    }

    public void clear() {
        synchronized (lock) {
            clearRows(1);
        }
    }
}
