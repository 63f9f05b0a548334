package io.gatesync.sim.personnel;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The employee read shape of biotime-api.md §3: related objects expanded, unknown fields null. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EmployeeView(
        long id,
        String empCode,
        String firstName,
        String lastName,
        String nickname,
        String devicePassword,
        String cardNo,
        DepartmentRef department,
        PositionRef position,
        String hireDate,
        String gender,
        String birthday,
        int verifyMode,
        Integer empType,
        String contactTel,
        String officeTel,
        String mobile,
        String national,
        String city,
        String address,
        String postcode,
        String email,
        String enrollSn,
        String ssn,
        String religion,
        boolean enableAtt,
        boolean enableOvertime,
        boolean enableHoliday,
        int devPrivilege,
        List<AreaRef> area,
        int appStatus,
        int appRole,
        String updateTime,
        String fingerprint,
        String face,
        String palm,
        String vlFace) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DepartmentRef(long id, String deptCode, String deptName) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PositionRef(long id, String positionCode, String positionName) {}
}
