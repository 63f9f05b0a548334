package io.gatesync.sim.personnel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Thread-safe employee store in id order, with an emp_code index. Reads are lock-free; writes are serialised
 * so emp_code stays unique (see {@link EmployeeService}, which validates and writes under {@link #lock()}).
 */
@Component
public class EmployeeStore {

    private final ConcurrentSkipListMap<Long, Employee> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Long> idByCode = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Object lock = new Object();

    /** Held while validating and writing, so a concurrent duplicate emp_code cannot slip in between. */
    Object lock() {
        return lock;
    }

    public List<Employee> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Employee> get(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean exists(long id) {
        return byId.containsKey(id);
    }

    /** Exact emp_code lookup, whatever the list filter's match mode. */
    public Optional<Employee> byCode(String empCode) {
        Long id = empCode == null ? null : idByCode.get(empCode);
        return id == null ? Optional.empty() : get(id);
    }

    public int size() {
        return byId.size();
    }

    /** Stores a new employee under the next id; the caller has checked emp_code is free. */
    Employee insert(Employee e) {
        synchronized (lock) {
            Employee stored = e.withId(nextId.getAndIncrement());
            byId.put(stored.id(), stored);
            idByCode.put(stored.empCode(), stored.id());
            return stored;
        }
    }

    Employee replace(Employee e) {
        synchronized (lock) {
            Employee old = byId.put(e.id(), e);
            if (old != null && !old.empCode().equals(e.empCode())) {
                idByCode.remove(old.empCode(), old.id());
            }
            idByCode.put(e.empCode(), e.id());
            return e;
        }
    }

    public boolean delete(long id) {
        synchronized (lock) {
            Employee old = byId.remove(id);
            if (old != null) {
                idByCode.remove(old.empCode(), id);
            }
            return old != null;
        }
    }

    public void clear() {
        synchronized (lock) {
            byId.clear();
            idByCode.clear();
            nextId.set(1);
        }
    }
}
