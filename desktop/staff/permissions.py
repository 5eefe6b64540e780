"""Who may do what at the counter: the one permission table.

The services of the core check it on every call against the acting staff
member's role as the store knows it (not as the caller says), so a hidden
button is a convenience, never the protection. ``docs/permissions.md`` shows
the same table; a test keeps the two equal and tries every cell on the real
services.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from desktop.contract import Role

ROLE_LABELS: Mapping[Role, str] = {
    Role.CASHIER: "Thu ngân",
    Role.SUPERVISOR: "Giám sát",
    Role.AGENT: "Đại lý thu hộ",
    Role.FIELD_COLLECTOR: "Thu ngân lưu động",
    Role.ADMINISTRATOR: "Quản trị",
    Role.HEAD_CASHIER: "Thủ quỹ",
}


class Permission(StrEnum):
    TAKE_PAYMENT = "payment.take"
    #: asking for a void; the void itself also needs a supervisor's approval
    REQUEST_VOID = "payment.void"
    #: signing in inside an approval dialog (void, late reprint, shift reopen, over/short)
    GRANT_APPROVAL = "approval.grant"
    ACKNOWLEDGE_ISSUES = "sync.acknowledge"
    #: the full phone number of a customer (everyone else sees 0909***456)
    VIEW_CONTACT = "customer.contact"
    VERIFY_AUDIT = "audit.verify"
    CHANGE_SETTINGS = "settings.change"
    #: taking a service request (new supply, contract changes, meter inspection…)
    TAKE_REQUEST = "request.take"
    #: taking over a cashier's closed shift, counted blind (bàn giao tiền cho thủ quỹ)
    ACCEPT_TURN_IN = "turnin.accept"
    #: grouping accepted turn-ins into a bank deposit, and recording the bank's reference
    MAKE_DEPOSIT = "deposit.make"


PERMISSION_LABELS: Mapping[Permission, str] = {
    Permission.TAKE_PAYMENT: "thu tiền",
    Permission.REQUEST_VOID: "yêu cầu hủy phiếu thu",
    Permission.GRANT_APPROVAL: "phê duyệt",
    Permission.ACKNOWLEDGE_ISSUES: "xác nhận sự cố đồng bộ",
    Permission.VIEW_CONTACT: "xem số điện thoại đầy đủ",
    Permission.VERIFY_AUDIT: "kiểm tra nhật ký",
    Permission.CHANGE_SETTINGS: "đổi cấu hình thiết bị",
    Permission.TAKE_REQUEST: "tiếp nhận yêu cầu dịch vụ",
    Permission.ACCEPT_TURN_IN: "nhận bàn giao tiền của ca",
    Permission.MAKE_DEPOSIT: "nộp tiền vào ngân hàng",
}

_P = Permission

PERMISSIONS: Mapping[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset({_P.TAKE_PAYMENT, _P.REQUEST_VOID, _P.TAKE_REQUEST}),
    Role.SUPERVISOR: frozenset({_P.TAKE_PAYMENT, _P.REQUEST_VOID, _P.GRANT_APPROVAL,
                                _P.ACKNOWLEDGE_ISSUES, _P.VIEW_CONTACT, _P.VERIFY_AUDIT,
                                _P.TAKE_REQUEST}),
    # agents collect money in a shop; contracts are the power company's business
    Role.AGENT: frozenset({_P.TAKE_PAYMENT, _P.REQUEST_VOID}),
    Role.FIELD_COLLECTOR: frozenset({_P.TAKE_PAYMENT, _P.REQUEST_VOID, _P.TAKE_REQUEST}),
    # administrators configure devices; they do not handle cash or customers
    Role.ADMINISTRATOR: frozenset({_P.VERIFY_AUDIT, _P.CHANGE_SETTINGS}),
    # the head cashier receives cash; taking it from customers is the cashiers' work
    Role.HEAD_CASHIER: frozenset({_P.ACCEPT_TURN_IN, _P.MAKE_DEPOSIT}),
}


class ApprovalAction(StrEnum):
    """Actions that need a supervisor's approval, recorded with a reason."""

    VOID = "void"
    LATE_REPRINT = "late_reprint"
    SHIFT_REOPEN = "shift_reopen"
    OVER_SHORT = "over_short"
    RECOUNT = "recount"
    #: the head cashier's count of a turn-in differs from the shift's
    TURN_IN_DIFFERENCE = "turn_in_difference"


APPROVAL_LABELS: Mapping[ApprovalAction, str] = {
    ApprovalAction.VOID: "hủy phiếu thu",
    ApprovalAction.LATE_REPRINT: "in lại phiếu thu quá hạn",
    ApprovalAction.SHIFT_REOPEN: "mở lại ca",
    ApprovalAction.OVER_SHORT: "chênh lệch quỹ vượt ngưỡng",
    ApprovalAction.RECOUNT: "đếm lại tiền cuối ca",
    ApprovalAction.TURN_IN_DIFFERENCE: "nhận bàn giao có chênh lệch",
}


def role_label(role: str) -> str:
    try:
        return ROLE_LABELS[Role(role)]
    except ValueError:
        return role


def allowed(role: str, permission: Permission) -> bool:
    try:
        return permission in PERMISSIONS[Role(role)]
    except ValueError:  # a role this version does not know grants nothing
        return False
