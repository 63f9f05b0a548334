package io.gatesync.sim.personnel;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A stored employee ({@code enableAtt} false: attendance disabled, as a resignation with {@code disableatt} leaves
 * it): related objects as ids (as they are written); {@link EmployeeView} is the read shape.
 * Only the fields GateSync may write are kept; the rest of the read shape is constant.
 */
public record Employee(
        long id,
        String empCode,
        String firstName,
        String lastName,
        String nickname,
        String cardNo,
        String devicePassword,
        long departmentId,
        Long positionId,
        List<Long> areaIds,
        LocalDate hireDate,
        String gender,
        String mobile,
        String email,
        String national,
        String address,
        int appStatus,
        LocalDateTime updateTime,
        boolean enableAtt) {

    public Employee {
        areaIds = areaIds == null ? List.of() : List.copyOf(areaIds);
    }

    Employee withId(long newId) {
        return with(newId, updateTime, enableAtt);
    }

    Employee withEnableAtt(boolean enabled, LocalDateTime now) {
        return with(id, now, enabled);
    }

    /** This employee with the fields the store and resignations change, and every written field kept. */
    private Employee with(long newId, LocalDateTime newUpdateTime, boolean newEnableAtt) {
        return new Employee(
                newId,
                empCode,
                firstName,
                lastName,
                nickname,
                cardNo,
                devicePassword,
                departmentId,
                positionId,
                areaIds,
                hireDate,
                gender,
                mobile,
                email,
                national,
                address,
                appStatus,
                newUpdateTime,
                newEnableAtt);
    }
}
