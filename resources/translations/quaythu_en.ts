<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AccountPanel</name>
    <message>
        <source>Chưa chọn khách hàng</source>
        <translation>No customer chosen</translation>
    </message>
    <message>
        <source>Gõ mã khách hàng, số điện thoại, số công tơ, hoặc tên và địa chỉ (không cần dấu), rồi Enter.</source>
        <translation>Type a customer code, phone number, meter number, or name and address (no accents needed), then Enter.</translation>
    </message>
    <message>
        <source>Thông tin khách hàng</source>
        <translation>Customer details</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Địa chỉ cũ</source>
        <translation>Former address</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Số công tơ</source>
        <translation>Meter number</translation>
    </message>
    <message>
        <source>Mục đích sử dụng</source>
        <translation>Usage purpose</translation>
    </message>
    <message>
        <source>Số hộ</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Điện lực</source>
        <translation>Power company</translation>
    </message>
    <message>
        <source>Ghi chỉ số kỳ tới</source>
        <translation>Next meter reading</translation>
    </message>
    <message>
        <source>Hóa đơn chưa thanh toán</source>
        <translation>Unpaid bills</translation>
    </message>
    <message>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Số hóa đơn</source>
        <translation>Bill number</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Hạn TT</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Điện tiêu thụ 24 tháng (kWh)</source>
        <translation>Consumption, last 24 months (kWh)</translation>
    </message>
    <message>
        <source>Thanh toán gần đây</source>
        <translation>Recent payments</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Biên nhận</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <source>Nơi thu</source>
        <translation>Collected at</translation>
    </message>
    <message>
        <source>Chưa có thanh toán nào trong dữ liệu cục bộ.</source>
        <translation>No payments in the local data yet.</translation>
    </message>
    <message>
        <source>Lịch ngừng cấp điện trong khu vực</source>
        <translation>Planned power outages in the area</translation>
    </message>
    <message>
        <source>Từ</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Đến</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Khu vực</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Không có lịch ngừng cấp điện sắp tới.</source>
        <translation>No planned outages ahead.</translation>
    </message>
    <message>
        <source>Yêu cầu dịch vụ (Ctrl+R: tiếp nhận yêu cầu mới)</source>
        <translation>Service requests (Ctrl+R: take a new request)</translation>
    </message>
    <message>
        <source>Mã yêu cầu</source>
        <translation>Request code</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Tiến độ</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>Chưa có yêu cầu nào.</source>
        <translation>No requests yet.</translation>
    </message>
    <message>
        <source>Thanh toán tự động</source>
        <translation>Automatic payment</translation>
    </message>
    <message>
        <source>Cảnh báo ngưỡng</source>
        <translation>Usage alert</translation>
    </message>
    <message>
        <source>chưa đăng ký</source>
        <translation>not registered</translation>
    </message>
    <message>
        <source>Đăng ký: </source>
        <translation>Registered: </translation>
    </message>
    <message>
        <source>Mã khách hàng: {code}</source>
        <translation>Customer code: {code}</translation>
    </message>
    <message>
        <source> — đã yêu cầu đóng điện lại ({ref})</source>
        <translation> — reconnection requested ({ref})</translation>
    </message>
    <message>
        <source>TẠM NGỪNG CẤP ĐIỆN</source>
        <translation>SUPPLY SUSPENDED</translation>
    </message>
    <message>
        <source>KHÔNG CÒN NỢ</source>
        <translation>NOTHING OWED</translation>
    </message>
    <message>
        <source>Tổng nợ: {total} ({n} hóa đơn</source>
        <translation>Owed: {total} ({n} bills</translation>
    </message>
    <message>
        <source>, {k} quá hạn)</source>
        <translation>, {k} overdue)</translation>
    </message>
    <message>
        <source>Không còn nợ.</source>
        <translation>Nothing owed.</translation>
    </message>
    <message>
        <source>QUÁ HẠN</source>
        <translation>OVERDUE</translation>
    </message>
    <message>
        <source>dữ liệu demo</source>
        <translation>demo data</translation>
    </message>
    <message>
        <source>dữ liệu cục bộ</source>
        <translation>local data</translation>
    </message>
    <message>
        <source>Chưa đồng bộ lần nào: {s}.</source>
        <translation>Never synced: {s}.</translation>
    </message>
    <message>
        <source>Cập nhật {age} ({when}), {s}.</source>
        <translation>Updated {age} ({when}), {s}.</translation>
    </message>
</context>
<context>
    <name>AgentWindow</name>
    <message>
        <source>&amp;Mã khách hàng (quét hoặc gõ):</source>
        <extracomment>the closing&apos;s &quot;count the till&quot; sentence while the shift is still open</extracomment>
        <translation>Customer &amp;code (scan or type):</translation>
    </message>
    <message>
        <source>Khách hàng</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Số tiền phải trả</source>
        <translation>Amount due</translation>
    </message>
    <message>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Lịch sử nộp tiền (F7)</source>
        <translation>Remittance history (F7)</translation>
    </message>
    <message>
        <source>QuayThu – Đại lý thu hộ – {who}</source>
        <translation>QuayThu – Collection agent – {who}</translation>
    </message>
    <message>
        <source>Ngoại tuyến: chỉ tra được mã đã tra trước đây.</source>
        <translation>Offline: only codes looked up before can be found.</translation>
    </message>
    <message>
        <source>Enter: tra mã</source>
        <translation>Enter: look up code</translation>
    </message>
    <message>
        <source>F9: thu tiền mặt và in</source>
        <translation>F9: take cash and print</translation>
    </message>
    <message>
        <source>F10: đóng ca</source>
        <translation>F10: close shift</translation>
    </message>
    <message>
        <source>F10: mở ca</source>
        <translation>F10: open shift</translation>
    </message>
    <message>
        <source>F7: lịch sử nộp</source>
        <translation>F7: remittance history</translation>
    </message>
    <message>
        <source>Ctrl+K: chốt ngày</source>
        <translation>Ctrl+K: close the day</translation>
    </message>
    <message>
        <source>Ctrl+L: khóa</source>
        <translation>Ctrl+L: lock</translation>
    </message>
    <message>
        <source>Đã chốt ngày {d}: không mở ca và không thu thêm trong ngày. Ngày mai mở ca mới (F10).</source>
        <translation>Day {d} closed: no new shift and no more cash today. Open a new shift tomorrow (F10).</translation>
    </message>
    <message>
        <source>Chưa mở ca: bấm F10 để mở ca trước khi thu tiền.</source>
        <translation>No shift open: press F10 to open one before taking cash.</translation>
    </message>
    <message>
        <source> · đã chốt lúc {t}</source>
        <translation> · closed at {t}</translation>
    </message>
    <message>
        <source>{d}: {n} phiếu, {t}{c}</source>
        <translation>{d}: {n} receipts, {t}{c}</translation>
    </message>
    <message>
        <source>Ngoại tuyến: chưa lấy được lịch sử nộp tiền.</source>
        <translation>Offline: the remittance history could not be fetched.</translation>
    </message>
    <message>
        <source>Chưa có lần nộp tiền nào.</source>
        <translation>No remittances yet.</translation>
    </message>
    <message>
        <source>Đang tra mã…</source>
        <translation>Looking up the code…</translation>
    </message>
    <message>
        <source>{n} hóa đơn chưa thanh toán</source>
        <translation>{n} unpaid bills</translation>
    </message>
    <message>
        <source>Không còn nợ.</source>
        <translation>Nothing owed.</translation>
    </message>
    <message>
        <source> (dữ liệu đã lưu trên máy, chưa kiểm tra với trung tâm)</source>
        <translation> (data kept on this machine, not checked with central)</translation>
    </message>
    <message>
        <source>F9 để thu tiền mặt và in phiếu.</source>
        <translation>F9 to take cash and print the receipt.</translation>
    </message>
    <message>
        <source>Khách hàng không còn nợ.</source>
        <translation>The customer owes nothing.</translation>
    </message>
    <message>
        <source>Tra mã khách hàng trước (Enter), rồi F9.</source>
        <translation>Look up the customer code first (Enter), then F9.</translation>
    </message>
    <message>
        <source>Khách hàng {c} không còn nợ.</source>
        <translation>Customer {c} owes nothing.</translation>
    </message>
    <message>
        <source>Chưa mở ca: mở ca trước khi thu tiền (F10).</source>
        <translation>No shift open: open one before taking cash (F10).</translation>
    </message>
    <message>
        <source>Vượt hạn mức: còn được thu {r}, khoản này {a}. Nộp tiền cho Điện lực để thu tiếp.</source>
        <translation>Over the limit: {r} may still be collected, this payment is {a}. Remit to the power company to collect more.</translation>
    </message>
    <message>
        <source>Đã thu và in phiếu. Quét mã khách hàng tiếp theo.</source>
        <translation>Collected and printed. Scan the next customer&apos;s code.</translation>
    </message>
    <message>
        <source>Chưa thu tiền. Quét hoặc nhập mã khách hàng (Enter).</source>
        <translation>Nothing taken. Scan or type a customer code (Enter).</translation>
    </message>
    <message>
        <source>Đã gửi chốt ngày {d} lúc {t}.</source>
        <translation>The closing of {d} was sent at {t}.</translation>
    </message>
    <message>
        <source>Chốt ngày {d}: {n} phiếu, {t}. Sau khi chốt không thu thêm được trong ngày. Bấm Ctrl+K lần nữa để gửi; gõ mã khác để thôi.</source>
        <translation>Closing of {d}: {n} receipts, {t}. After the closing nothing more can be collected today. Press Ctrl+K again to send; type another code to cancel.</translation>
    </message>
    <message>
        <source>Đã gửi chốt ngày: {n} phiếu, {t}. Trung tâm đối soát khi nhận được.</source>
        <translation>Closing sent: {n} receipts, {t}. Central reconciles it on arrival.</translation>
    </message>
    <message>
        <source> Đếm tiền trong két để đóng ca.</source>
        <translation> Count the till to close the shift.</translation>
    </message>
</context>
<context>
    <name>AmountField</name>
    <message>
        <source>Nhập số (0 nếu không có).</source>
        <extracomment>the text was not typed by the person: the first key typed replaces it a minus typed where a number starts: the person meant a negative number, so the refusal stays beside the digits that follow (&quot;-5&quot; read as 5 with no word said)</extracomment>
        <translation>Enter a number (0 if none).</translation>
    </message>
    <message>
        <source>Nhập số.</source>
        <translation>Enter a number.</translation>
    </message>
    <message>
        <source>Ít nhất {n}.</source>
        <translation>At least {n}.</translation>
    </message>
    <message>
        <source>Không nhận số âm.</source>
        <translation>No negative numbers.</translation>
    </message>
    <message>
        <source>Chỉ nhập chữ số.</source>
        <translation>Digits only.</translation>
    </message>
    <message>
        <source>Không phải một số: “{t}”.</source>
        <translation>Not a number: “{t}”.</translation>
    </message>
    <message>
        <source>Tối đa {n}.</source>
        <translation>At most {n}.</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Giám sát phê duyệt: {what}</source>
        <translation>Supervisor approval: {what}</translation>
    </message>
    <message>
        <source>{what} – {subject}. Giám sát đăng nhập và ghi lý do.</source>
        <translation>{what} – {subject}. A supervisor signs in and gives the reason.</translation>
    </message>
    <message>
        <source>ghi thêm (không bắt buộc)</source>
        <translation>more detail (optional)</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Giám sát</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Phê duyệt (Enter)</source>
        <translation>Approve (Enter)</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Enter phê duyệt · Esc hủy</source>
        <translation>Enter approve · Esc cancel</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>CashDropDialog</name>
    <message>
        <source>Nộp tiền giữa ca</source>
        <translation>Cash drop during the shift</translation>
    </message>
    <message>
        <source>Két sắt</source>
        <translation>Safe</translation>
    </message>
    <message>
        <source>Số tiền nộp</source>
        <translation>Amount dropped</translation>
    </message>
    <message>
        <source>Nộp cho</source>
        <translation>Handed to</translation>
    </message>
    <message>
        <source>Nộp (Enter)</source>
        <translation>Drop (Enter)</translation>
    </message>
    <message>
        <source>Chưa mở ca: két chưa có tiền để nộp. Mở ca bằng F10 trước. Esc để đóng.</source>
        <translation>No shift open: the drawer holds no cash to drop. Open a shift with F10 first. Esc to close.</translation>
    </message>
    <message>
        <source>Đã ghi nộp {a} (phiếu {k}).</source>
        <translation>Drop of {a} recorded (slip {k}).</translation>
    </message>
</context>
<context>
    <name>CentralPage</name>
    <message>
        <source>Máy chủ trung tâm</source>
        <translation>Central server</translation>
    </message>
    <message>
        <source>Địa chỉ HTTPS của máy chủ trung tâm do bộ phận CNTT cấp. Nếu máy chủ dùng chứng chỉ của CA riêng của công ty, chọn tệp chứng chỉ CA (.pem).</source>
        <translation>The central server&apos;s HTTPS address, from IT. If the server uses a certificate from the company&apos;s own CA, choose the CA certificate file (.pem).</translation>
    </message>
    <message>
        <source>Địa chỉ &amp;máy chủ</source>
        <translation>Server &amp;address</translation>
    </message>
    <message>
        <source>Tệp &amp;CA riêng (nếu có)</source>
        <translation>Own &amp;CA file (if any)</translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Tệp chứng chỉ CA</source>
        <translation>CA certificate file</translation>
    </message>
    <message>
        <source>Chứng chỉ PEM (*.pem *.crt *.cer)</source>
        <translation>PEM certificate (*.pem *.crt *.cer)</translation>
    </message>
</context>
<context>
    <name>CityPart</name>
    <message>
        <source>Thành phố demo đang được tạo thêm: {done}/{total} khách hàng</source>
        <translation>Demo city still being built: {done}/{total} customers</translation>
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <source>Đóng ca – kiểm đếm tiền mặt</source>
        <translation>Close shift – count the cash</translation>
    </message>
    <message>
        <source>Ca của {who}, mở lúc {when}. Đếm tiền trong két theo mệnh giá:</source>
        <translation>Shift of {who}, opened at {when}. Count the cash in the drawer by denomination:</translation>
    </message>
    <message>
        <source>lý do nếu thừa/thiếu (khi được hỏi)</source>
        <translation>reason if over/short (when asked)</translation>
    </message>
    <message>
        <source>Đếm lại – cần giám sát (Ctrl+R)</source>
        <extracomment>a supervisor&apos;s approval to count again (the first count is final without it)</extracomment>
        <translation>Recount – needs a supervisor (Ctrl+R)</translation>
    </message>
    <message>
        <source>Đóng ca (Ctrl+Enter)</source>
        <translation>Close shift (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Ctrl+Enter đóng ca · Ctrl+R đếm lại · Esc hủy</source>
        <translation>Ctrl+Enter close the shift · Ctrl+R recount · Esc cancel</translation>
    </message>
    <message>
        <source>Đã đếm: {t}</source>
        <translation>Counted: {t}</translation>
    </message>
    <message>
        <source>Đếm lại tiền cuối ca</source>
        <translation>Recount the cash at shift end</translation>
    </message>
    <message>
        <source>Giám sát đã cho đếm lại: đếm lại rồi Ctrl+Enter. Cả hai lần đếm đều được ghi vào báo cáo ca.</source>
        <translation>The supervisor allowed a recount: count again, then Ctrl+Enter. Both counts go into the shift report.</translation>
    </message>
    <message>
        <source>Đối soát với trung tâm: khớp.</source>
        <translation>Reconciled with central: matches.</translation>
    </message>
    <message>
        <source>Đối soát với trung tâm: CHÊNH LỆCH</source>
        <translation>Reconciled with central: DIFFERENCE</translation>
    </message>
    <message>
        <source>&lt;b&gt;Báo cáo ca&lt;/b&gt; {a} – {b}</source>
        <translation>&lt;b&gt;Shift report&lt;/b&gt; {a} – {b}</translation>
    </message>
    <message>
        <source>{m}: {n} phiếu, {a}</source>
        <translation>{m}: {n} receipts, {a}</translation>
    </message>
    <message>
        <source>Phiếu hủy: {n} ({a})</source>
        <translation>Voided receipts: {n} ({a})</translation>
    </message>
    <message>
        <source>Tiền đầu ca {f} · đã nộp {d}</source>
        <translation>Opening float {f} · dropped {d}</translation>
    </message>
    <message>
        <source>Phải có {e} · đếm được {c} · chênh lệch {o}</source>
        <translation>Expected {e} · counted {c} · difference {o}</translation>
    </message>
    <message>
        <source>Lần đếm đầu {f}; đếm lại (giám sát duyệt) {c}</source>
        <translation>First count {f}; recount (supervisor approved) {c}</translation>
    </message>
    <message>
        <source>Ctrl+P: in báo cáo ca</source>
        <translation>Ctrl+P: print the shift report</translation>
    </message>
    <message>
        <source>Chưa đối soát được với trung tâm: {m}</source>
        <translation>Not yet reconciled with central: {m}</translation>
    </message>
    <message>
        <source>Xong (Enter)</source>
        <translation>Done (Enter)</translation>
    </message>
    <message>
        <source>Đã in báo cáo ca.</source>
        <translation>Shift report printed.</translation>
    </message>
</context>
<context>
    <name>CollectorWindow</name>
    <message>
        <source>Mã KH</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Còn nợ</source>
        <translation>Owes</translation>
    </message>
    <message>
        <source>Kết quả</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Lúc</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Sẵn sàng làm việc ngoại tuyến</source>
        <translation>Ready to work offline</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>&amp;Ghi chú:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>điều thấy tại nhà khách (bắt buộc khi từ chối, chuyển đi, công tơ có vấn đề)</source>
        <translation>what you saw at the door (required for refused, moved, meter problem)</translation>
    </message>
    <message>
        <source>QuayThu – Thu lưu động – {who}</source>
        <translation>QuayThu – Field collection – {who}</translation>
    </message>
    <message>
        <source>Ngoại tuyến: làm việc trên dữ liệu đã tải.</source>
        <translation>Offline: working on the downloaded data.</translation>
    </message>
    <message>
        <source>Enter/F9: thu tiền · Ctrl+1 không có nhà · Ctrl+2 từ chối · Ctrl+3 chuyển đi · Ctrl+4 công tơ có vấn đề · Ctrl+U chỉ khách còn nợ · F2 kiểm tra sẵn sàng · F10 mở/đóng ca · Ctrl+H bàn giao · F5 đồng bộ · Ctrl+L khóa</source>
        <translation>Enter/F9: take cash · Ctrl+1 not at home · Ctrl+2 refused · Ctrl+3 moved · Ctrl+4 meter problem · Ctrl+U owing only · F2 readiness check · F10 open/close shift · Ctrl+H hand over · F5 sync · Ctrl+L lock</translation>
    </message>
    <message>
        <source>Lộ trình {r} · {t}</source>
        <translation>Route {r} · {t}</translation>
    </message>
    <message>
        <source>Chỉ hiện khách còn nợ.</source>
        <translation>Showing only customers who owe.</translation>
    </message>
    <message>
        <source>Hiện mọi khách của lộ trình.</source>
        <translation>Showing every customer of the route.</translation>
    </message>
    <message>
        <source>Đã ghi {c}: {o}.</source>
        <translation>Recorded {c}: {o}.</translation>
    </message>
    <message>
        <source>Khách hàng {c} không còn nợ.</source>
        <translation>Customer {c} owes nothing.</translation>
    </message>
    <message>
        <source>Chưa mở ca: F10 để mở ca rồi mới thu tiền.</source>
        <translation>No shift open: F10 opens one before collecting.</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>QuayThu – màn hình khách hàng</source>
        <translation>QuayThu – customer display</translation>
    </message>
    <message>
        <source>Quét mã bằng ứng dụng ngân hàng để thanh toán</source>
        <translation>Scan the code with your banking app to pay</translation>
    </message>
    <message>
        <source>Tiền thối: {c}</source>
        <translation>Change: {c}</translation>
    </message>
    <message>
        <source>Đã thu {p} · khách đưa {g}</source>
        <translation>Paid {p} · given {g}</translation>
    </message>
    <message>
        <source>{c} ghi có vào tài khoản, trừ vào hóa đơn sau</source>
        <translation>{c} credited to the account, taken off the next bill</translation>
    </message>
    <message>
        <source>Cảm ơn quý khách!</source>
        <translation>Thank you!</translation>
    </message>
</context>
<context>
    <name>DepositPage</name>
    <message>
        <source>Nộp tiền vào ngân hàng</source>
        <translation>Bank deposit</translation>
    </message>
    <message>
        <source>ví dụ: Vietcombank CN Tân Bình</source>
        <translation>e.g. Vietcombank Tan Binh branch</translation>
    </message>
    <message>
        <source>&amp;Ngân hàng nhận</source>
        <translation>&amp;Receiving bank</translation>
    </message>
    <message>
        <source>In phiếu (Ctrl+P)</source>
        <translation>Print slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Lưu PDF (Ctrl+S)</source>
        <translation>Save PDF (Ctrl+S)</translation>
    </message>
    <message>
        <source>Phiếu nộp chờ mã giao dịch của ngân hàng:</source>
        <translation>Deposit slips waiting for the bank&apos;s reference:</translation>
    </message>
    <message>
        <source>mã giao dịch in trên phiếu đã đóng dấu</source>
        <translation>reference printed on the stamped slip</translation>
    </message>
    <message>
        <source>Ghi mã (Ctrl+R)</source>
        <translation>Record reference (Ctrl+R)</translation>
    </message>
    <message>
        <source>Đang lấy danh sách bàn giao…</source>
        <translation>Getting the turn-ins…</translation>
    </message>
    <message>
        <source>Các lần bàn giao đã nhận, chưa nộp, của mọi quầy trong đơn vị (theo trung tâm).</source>
        <translation>Accepted turn-ins not yet deposited, from every counter of the unit (as central lists them).</translation>
    </message>
    <message>
        <source>Ngoại tuyến: chỉ các lần bàn giao nhận tại quầy này. Lần bàn giao ở quầy khác hiện ra khi có mạng.</source>
        <translation>Offline: only the turn-ins accepted at this counter. Other counters&apos; turn-ins show when the network is back.</translation>
    </message>
    <message>
        <source> · quầy khác</source>
        <translation> · other counter</translation>
    </message>
    <message>
        <source>Bỏ chọn bằng phím cách; ghi ngân hàng rồi Ctrl+Enter để lập phiếu nộp.</source>
        <translation>Untick with Space; name the bank, then Ctrl+Enter writes the deposit slip.</translation>
    </message>
    <message>
        <source>Không có lần bàn giao nào chờ nộp ngân hàng.</source>
        <translation>No turn-in is waiting to be deposited.</translation>
    </message>
    <message>
        <source>Nộp {n} lần bàn giao: {t}</source>
        <translation>Depositing {n} turn-ins: {t}</translation>
    </message>
    <message>
        <source>Phiếu nộp {no}: {t}, {bank}.</source>
        <translation>Deposit slip {no}: {t}, {bank}.</translation>
    </message>
    <message>
        <source>Đã lập phiếu nộp {no}.</source>
        <translation>Deposit slip {no} written.</translation>
    </message>
    <message>
        <source>Đang in phiếu nộp…</source>
        <translation>Printing the deposit slip…</translation>
    </message>
    <message>
        <source>Đã in phiếu nộp.</source>
        <translation>Deposit slip printed.</translation>
    </message>
    <message>
        <source>Chưa in được phiếu nộp: {e} Có thể lưu PDF (Ctrl+S).</source>
        <translation>The deposit slip did not print: {e} You can save a PDF (Ctrl+S).</translation>
    </message>
    <message>
        <source>Lưu phiếu nộp</source>
        <translation>Save deposit slip</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Đã lưu {p}</source>
        <translation>Saved {p}</translation>
    </message>
    <message>
        <source>Không có phiếu nộp nào chờ mã ngân hàng.</source>
        <translation>No deposit slip is waiting for a bank reference.</translation>
    </message>
    <message>
        <source>Đã ghi mã {ref} cho phiếu {no}.</source>
        <translation>Reference {ref} recorded for slip {no}.</translation>
    </message>
</context>
<context>
    <name>EnrolPage</name>
    <message>
        <source>Đăng ký quầy</source>
        <translation>Enrol the counter</translation>
    </message>
    <message>
        <source>Mã đăng ký một lần do quản trị viên cấp cho quầy này. Mã chỉ dùng được một lần.</source>
        <translation>The one-time enrolment code that the administrator issued for this counter. A code works only once.</translation>
    </message>
    <message>
        <source>Mã &amp;đăng ký</source>
        <translation>&amp;Enrolment code</translation>
    </message>
    <message>
        <source>&amp;Tên quầy</source>
        <translation>Counter &amp;name</translation>
    </message>
    <message>
        <source>Nhập mã đăng ký.</source>
        <translation>Enter the enrolment code.</translation>
    </message>
    <message>
        <source>Đang đăng ký với máy chủ trung tâm…</source>
        <translation>Enrolling with the central server…</translation>
    </message>
</context>
<context>
    <name>KindForm</name>
    <message>
        <source>Giấy tờ khách mang theo</source>
        <extracomment>anything typed or chosen (the dialog saves the draft a moment later)</extracomment>
        <translation>Papers the customer brought</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Ngôn ngữ</source>
        <extracomment>the language last written to the settings file</extracomment>
        <translation>Language</translation>
    </message>
    <message>
        <source>Chào mừng đến với QuayThu. Vài bước sau đây cài đặt quầy thu này: ngôn ngữ, máy chủ trung tâm, mã đăng ký, điểm thu và máy in.</source>
        <translation>Welcome to QuayThu. The next few steps set up this collection counter: language, central server, enrolment code, collection point and printer.</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ</source>
        <translation>&amp;Language</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>QuayThu – Quầy thu tiền điện</source>
        <extracomment>posted behind the paint of a customer just opened (the paint&apos;s own request is low priority, and events of one priority keep their order): the next F9&apos;s dialog is built once the cashier sees the customer, never before account opens: only the newest one&apos;s answer fills the panel F9 on another highlighted row: the payment follows once that row is open the keys typed with F9, held for its dialog until it opens the next F9&apos;s dialog, built for the customer on screen just after the panel painted them: F9 shows it rather than building it then (issue 31) the next F8&apos;s, built while nothing happens (its list asked for as it opens) the demo only: pretend the bank paid a VietQR intent how long an emptied panel keeps its frame for the customer a scan is opening the results&apos; address column (ui/counter/results.py), hidden once an account is open the keys that need a customer on screen: hidden from the key bar without one (F9 follows :meth:`payable`)</extracomment>
        <translation>QuayThu – electricity bill counter</translation>
    </message>
    <message>
        <source>Mã KH</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Tên KH</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Còn nợ</source>
        <translation>Owed</translation>
    </message>
    <message>
        <source>F2 tìm · Enter mở · Esc đóng khách · F9 thu tiền · F10 ca · Ctrl+F10 nộp tiền · Ctrl+H bàn giao cho thủ quỹ · F8 phiếu trong ca · Ctrl+R yêu cầu · F4 danh sách yêu cầu · F7 công cụ · Ctrl+Shift+S cài đặt · Ctrl+L khóa · Ctrl+Shift+E nhật ký hỗ trợ</source>
        <translation>F2 search · Enter open · Esc close customer · F9 take payment · F10 shift · Ctrl+F10 cash drop · Ctrl+H hand over to head cashier · F8 receipts of the shift · Ctrl+R request · F4 request list · F7 tools · Ctrl+Shift+S settings · Ctrl+L lock · Ctrl+Shift+E support log</translation>
    </message>
    <message>
        <source>Cài đặt cần quản trị viên: quản trị viên đăng nhập rồi Ctrl+Shift+S.</source>
        <translation>Settings need an administrator: the administrator signs in, then Ctrl+Shift+S.</translation>
    </message>
    <message>
        <source>Vai trò {r} không được thu tiền.</source>
        <translation>Role {r} may not take payments.</translation>
    </message>
    <message>
        <source>Chưa mở ca: F10 để mở ca (nhập tiền đầu ca) rồi mới thu tiền.</source>
        <translation>No shift open: F10 to open a shift (enter the opening float) before taking payments.</translation>
    </message>
    <message>
        <source>Mở một khách hàng trước (Enter trên danh sách), rồi F9.</source>
        <translation>Open a customer first (Enter on the list), then F9.</translation>
    </message>
    <message>
        <source>Khách hàng {c} không còn nợ.</source>
        <translation>Customer {c} owes nothing.</translation>
    </message>
    <message>
        <source>{0} cũ</source>
        <translation>former {0}</translation>
    </message>
    <message>
        <source>ĐT {0}</source>
        <translation>Tel {0}</translation>
    </message>
    <message>
        <source>công tơ {0}</source>
        <translation>meter {0}</translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <source>QuayThu – Thủ quỹ – {who}</source>
        <extracomment>what a hand-over came to (the panel&apos;s own line, under the count, is scrolled out of view on a 1366×768 screen): the text, and whether it went right</extracomment>
        <translation>QuayThu – Head cashier – {who}</translation>
    </message>
    <message>
        <source>Thủ quỹ {who}: bàn giao ca, nộp ngân hàng</source>
        <translation>Head cashier {who}: shift hand-overs, bank deposits</translation>
    </message>
    <message>
        <source>Ctrl+Enter nhận bàn giao / lập phiếu nộp · Ctrl+D nộp ngân hàng ↔ bàn giao · Ctrl+P in phiếu nộp · Ctrl+S lưu PDF · Ctrl+R ghi số tham chiếu ngân hàng · F5 đồng bộ · Ctrl+L khóa · Ctrl+Shift+L đăng xuất</source>
        <translation>Ctrl+Enter accept hand-over / make deposit slip · Ctrl+D bank deposit ↔ hand-over · Ctrl+P print slip · Ctrl+S save PDF · Ctrl+R record bank reference · F5 sync · Ctrl+L lock · Ctrl+Shift+L sign out</translation>
    </message>
</context>
<context>
    <name>OpenShiftDialog</name>
    <message>
        <source>Mở ca thu</source>
        <translation>Open a collection shift</translation>
    </message>
    <message>
        <source>Tiền đầu ca (tiền lẻ trong két)</source>
        <translation>Opening float (change in the drawer)</translation>
    </message>
    <message>
        <source>Mở ca (Enter)</source>
        <translation>Open shift (Enter)</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Thu tiền – {code} · {name}</source>
        <extracomment>how long the change stays on screen before an Enter may close it (the Enter that took the money is often pressed twice); Esc closes at once a payment not written after this long (ms) says what it waits for: the store held by another program&apos;s write (it waits up to db/engine.py&apos;s BUSY_TIMEOUT_MS, then refuses) the digits typed with F9, before the window manager gives this dialog the keyboard, are the amount&apos;s (ui/plumbing/key_relay.py) the payment on its way to the store (the runner&apos;s ticket), None otherwise the live check is on its way (no answer, no failure yet) Enter was pressed while central had not answered: the payment waits for it this dialog&apos;s VietQR session (made when F6 is pressed): its key is made here, so that closing the dialog withdraws it even before the core has answered</extracomment>
        <translation>Take payment – {code} · {name}</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Pay</translation>
    </message>
    <message>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Số hóa đơn</source>
        <translation>Bill number</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Hạn TT</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Khách trả một phần: Ctrl+↓ bớt hóa đơn mới nhất, Ctrl+↑ thêm lại (hóa đơn cũ luôn thu trước).</source>
        <extracomment>how many of the unpaid bills, oldest first, this payment takes</extracomment>
        <translation>Partial payment: Ctrl+↓ drop the newest bill, Ctrl+↑ add it back (older bills are always paid first).</translation>
    </message>
    <message>
        <source>Đang chờ trung tâm xác nhận hóa đơn chưa thanh toán… (vẫn nhập được số tiền)</source>
        <translation>Waiting for central to confirm the unpaid bills… (the amount can still be typed)</translation>
    </message>
    <message>
        <source>Khách đưa:</source>
        <translation>Tendered:</translation>
    </message>
    <message>
        <source>số tiền khách đưa · F5: đủ tiền</source>
        <translation>amount given · F5: exact</translation>
    </message>
    <message>
        <source>VietQR (F6)</source>
        <translation>VietQR (F6)</translation>
    </message>
    <message>
        <source>Đủ tiền (F5)</source>
        <translation>Exact amount (F5)</translation>
    </message>
    <message>
        <source>Thu tiền (Enter)</source>
        <translation>Take payment (Enter)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Demo: ngân hàng báo đã nhận tiền (Ctrl+B)</source>
        <extracomment>when the change screen showed (None: no payment yet) whether this counter talks to central (live check, VietQR) or works offline the VietQR session as the core last said it (None: no QR asked for)</extracomment>
        <translation>Demo: the bank reports the money received (Ctrl+B)</translation>
    </message>
    <message>
        <source>Enter xong · Esc đóng</source>
        <translation>Enter done · Esc close</translation>
    </message>
    <message>
        <source> · Ctrl+↓ bớt hóa đơn · Ctrl+↑ thêm hóa đơn</source>
        <translation> · Ctrl+↓ one bill fewer · Ctrl+↑ one bill more</translation>
    </message>
    <message>
        <source>Enter thu tiền · F1/F2/F3/F4 cộng tờ tiền · F5 đủ tiền · F6 VietQR · Esc đóng</source>
        <translation>Enter take payment · F1/F2/F3/F4 add a note · F5 exact amount · F6 VietQR · Esc close</translation>
    </message>
    <message>
        <source>Khách hàng này vừa được thu nơi khác (phiếu {r}, {a}): không thu tiếp. Đóng (Esc) và mở lại khách hàng.</source>
        <translation>This customer was just paid elsewhere (receipt {r}, {a}): not taking another payment. Close (Esc) and open the customer again.</translation>
    </message>
    <message>
        <source>Không thu: trung tâm báo hóa đơn đã được thanh toán.</source>
        <translation>Not taken: central says the bill is already paid.</translation>
    </message>
    <message>
        <source>Đang tạo mã VietQR…</source>
        <translation>Creating the VietQR code…</translation>
    </message>
    <message>
        <source>{label} {total}: không thu qua VietQR, điện lực thu sau</source>
        <translation>{label} {total}: not taken by VietQR, the utility bills it later</translation>
    </message>
    <message>
        <source>Chờ khách quét mã VietQR ({ref}) – hết hạn lúc {t}. Esc để hủy.</source>
        <translation>Waiting for the customer to scan the VietQR code ({ref}) – expires at {t}. Esc to cancel.</translation>
    </message>
    <message>
        <source>Mã VietQR đã hết hạn: chưa thu tiền.</source>
        <translation>The VietQR code expired: nothing taken.</translation>
    </message>
    <message>
        <source>Đã hủy mã VietQR: chưa thu tiền.</source>
        <translation>VietQR code cancelled: nothing taken.</translation>
    </message>
    <message>
        <source>Trung tâm không nhận mã VietQR này: chưa thu tiền.</source>
        <translation>Central did not accept this VietQR code: nothing taken.</translation>
    </message>
    <message>
        <source>Ngân hàng đã xác nhận ({ref}) · đã thu {a} · phiếu {r}</source>
        <translation>The bank confirmed ({ref}) · took {a} · receipt {r}</translation>
    </message>
    <message>
        <source>ĐÃ THANH TOÁN</source>
        <translation>PAID</translation>
    </message>
    <message>
        <source>Đã nhận tiền. Cảm ơn quý khách!</source>
        <translation>Payment received. Thank you!</translation>
    </message>
    <message>
        <source>Xong (Enter)</source>
        <extracomment>the core&apos;s events (the window&apos;s; a dialog opened alone hears them itself) the live check was asked for (a dialog built ahead of F9 asks when it opens)</extracomment>
        <translation>Done (Enter)</translation>
    </message>
    <message>
        <source>{label}: {amount} + thuế GTGT {rate}% {vat} = {total} (thu cùng khoản thanh toán hết nợ)</source>
        <translation>{label}: {amount} + VAT {rate}% {vat} = {total} (taken with the payment that clears the debt)</translation>
    </message>
    <message>
        <source>{label} {total}: chỉ thu khi khách thanh toán hết nợ</source>
        <translation>{label} {total}: taken only when the customer clears the whole debt</translation>
    </message>
    <message>
        <source>Phải thu: {t}</source>
        <translation>To pay: {t}</translation>
    </message>
    <message>
        <source> ({n}/{m} hóa đơn)</source>
        <translation> ({n}/{m} bills)</translation>
    </message>
    <message>
        <source>Còn thiếu {m}</source>
        <translation>Still missing {m}</translation>
    </message>
    <message>
        <source>Tiền thối: {c}</source>
        <translation>Change: {c}</translation>
    </message>
    <message>
        <source>(+{r} ghi có)</source>
        <translation>(+{r} credited)</translation>
    </message>
    <message>
        <source>Nhập số tiền khách đưa, hoặc F5 nếu khách đưa đúng số tiền, rồi Enter.</source>
        <translation>Enter the amount tendered, or F5 if the customer hands over the exact amount, then Enter.</translation>
    </message>
    <message>
        <source>Khách đưa {t}, thiếu {m}.</source>
        <translation>Tendered {t}, {m} short.</translation>
    </message>
    <message>
        <source>Chờ trung tâm xác nhận hóa đơn rồi thu (vài giây; không cần bấm lại Enter)…</source>
        <translation>Waiting for central to confirm the bills, then taking the payment (a few seconds; no need to press Enter again)…</translation>
    </message>
    <message>
        <source>Đang ghi…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Đang chờ ghi: dữ liệu của quầy đang bận (chương trình khác đang ghi). Tiền chưa được ghi, chưa thối tiền; máy tự ghi khi xong.</source>
        <translation>Waiting to write: the counter&apos;s data is busy (another program is writing). The money is not recorded yet, give no change yet; it is written by itself when done.</translation>
    </message>
    <message>
        <source>Đã thu {a} · phiếu {r}</source>
        <translation>Took {a} · receipt {r}</translation>
    </message>
    <message>
        <source>TIỀN THỐI: {c}</source>
        <translation>CHANGE: {c}</translation>
    </message>
    <message>
        <source> · tiền lẻ {r} ghi có vào tài khoản khách (két không thối tiền dưới {n})</source>
        <translation> · odd amount {r} credited to the customer&apos;s account (the drawer gives no change below {n})</translation>
    </message>
</context>
<context>
    <name>PointPage</name>
    <message>
        <source>Điểm thu</source>
        <translation>Collection point</translation>
    </message>
    <message>
        <source>Địa chỉ điểm &amp;thu</source>
        <translation>Collection point &amp;address</translation>
    </message>
    <message>
        <source>Điện thoại điểm thu</source>
        <translation>Collection point phone</translation>
    </message>
    <message>
        <source>in dưới tên điện lực trên phiếu thu</source>
        <translation>printed under the power company&apos;s name on receipts</translation>
    </message>
    <message>
        <source>Quầy {device} của {unit} ({code}). Nếu không đúng, mã đăng ký là của đơn vị khác: báo bộ phận CNTT.</source>
        <translation>Counter {device} of {unit} ({code}). If this is wrong, the enrolment code belongs to another unit: tell IT.</translation>
    </message>
</context>
<context>
    <name>PrinterDialog</name>
    <message>
        <source>Máy in phiếu thu</source>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Địa chỉ máy in</source>
        <translation>Printer address</translation>
    </message>
    <message>
        <source>Khổ giấy (mm)</source>
        <translation>Paper width (mm)</translation>
    </message>
    <message>
        <source>Máy in có bảng mã tiếng Việt (CP1258) in chữ thay vì ảnh: thêm ?profile=TÊN vào địa chỉ, TÊN là một trong {0}. Máy khác in ảnh.</source>
        <translation>Printers with a Vietnamese code page (CP1258) print text instead of an image: add ?profile=NAME to the address, NAME being one of {0}. Other printers print an image.</translation>
    </message>
    <message>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <source>In thử (F5)</source>
        <translation>Test print (F5)</translation>
    </message>
    <message>
        <source>Kiểm tra trạng thái (F6)</source>
        <translation>Check status (F6)</translation>
    </message>
    <message>
        <source>Đã lưu máy in.</source>
        <translation>Printer saved.</translation>
    </message>
    <message>
        <source>Nhập địa chỉ máy in.</source>
        <translation>Enter the printer&apos;s address.</translation>
    </message>
    <message>
        <source>Đang in thử…</source>
        <translation>Test printing…</translation>
    </message>
    <message>
        <source>Đã gửi phiếu in thử.</source>
        <translation>Test receipt sent.</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Máy in phiếu thu</source>
        <extracomment>the printer models (python-escpos&apos;s database: half a second to read, off the GUI thread); a saved address waits for them</extracomment>
        <translation>Receipt printer</translation>
    </message>
    <message>
        <source>Máy in &amp;hệ thống biết</source>
        <translation>Printers the &amp;system knows</translation>
    </message>
    <message>
        <source>hoặc máy in &amp;mạng</source>
        <translation>or a &amp;network printer</translation>
    </message>
    <message>
        <source>&amp;Loại máy in</source>
        <translation>Printer &amp;model</translation>
    </message>
    <message>
        <source>&amp;Khổ giấy (mm)</source>
        <translation>&amp;Paper width (mm)</translation>
    </message>
    <message>
        <source>Dòng in &amp;đúng trên trang thử</source>
        <translation>&amp;Line that prints right on the test page</translation>
    </message>
    <message>
        <source>Kiểm tra máy in (F5)</source>
        <translation>Check the printer (F5)</translation>
    </message>
    <message>
        <source>In trang thử (F6)</source>
        <translation>Print the test page (F6)</translation>
    </message>
    <message>
        <source>In trang thử, xem dòng tiếng Việt nào in đúng (1, 2 hoặc 3) rồi chọn số đó. Dòng 1 (ảnh) in đúng trên mọi máy in.</source>
        <translation>Print the test page, see which Vietnamese line prints right (1, 2 or 3) and choose that number. Line 1 (an image) prints right on every printer.</translation>
    </message>
    <message>
        <source>Không dùng máy in (in sau)</source>
        <translation>No printer (print later)</translation>
    </message>
    <message>
        <source>Không rõ (máy in ESC/POS khác)</source>
        <translation>Unknown (another ESC/POS printer)</translation>
    </message>
    <message>
        <source>Chọn một máy in hoặc nhập địa chỉ máy in mạng.</source>
        <translation>Choose a printer or type a network printer&apos;s address.</translation>
    </message>
    <message>
        <source>Đang in trang thử…</source>
        <translation>Printing the test page…</translation>
    </message>
    <message>
        <source>Đã in trang thử. Chọn số của dòng tiếng Việt in đúng.</source>
        <translation>Test page printed. Choose the number of the Vietnamese line that prints right.</translation>
    </message>
    <message>
        <source>In trang thử (F6) trước, để chọn dòng in đúng.</source>
        <translation>Print the test page (F6) first, to choose the line that prints right.</translation>
    </message>
    <message>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>PrinterPart</name>
    <message>
        <source>Đang in…</source>
        <extracomment>each turn of the printer thread, as it ended (after this part showed it)</extracomment>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Máy in lỗi: {e} · chờ in {w} · Ctrl+P in lại</source>
        <translation>Printer error: {e} · waiting {w} · Ctrl+P print again</translation>
    </message>
    <message>
        <source>Đã in {n} phiếu</source>
        <translation>Printed {n} receipts</translation>
    </message>
</context>
<context>
    <name>QuitBox</name>
    <message>
        <source>Thoát QuayThu?</source>
        <translation>Quit QuayThu?</translation>
    </message>
    <message>
        <source>Ca của {who} vẫn đang mở. Thoát bây giờ thì ca vẫn mở, tiền trong két vẫn tính cho ca đó; đóng ca bằng F10 sau khi đăng nhập. Vẫn thoát?</source>
        <translation>The shift of {who} is still open. Quitting now leaves it open, and the cash in the drawer still counts for it; close it with F10 after signing in. Quit anyway?</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Ở lại (Esc)</source>
        <translation>Stay (Esc)</translation>
    </message>
</context>
<context>
    <name>ReceiptsDialog</name>
    <message>
        <source>Phiếu thu của các ca tại quầy (ca đang mở và ca vừa đóng)</source>
        <extracomment>the receipt preview&apos;s width on screen (the printer&apos;s 576 dots, scaled down) the newest receipts F8 shows before the whole list (a busy counter has thousands): more than the list&apos;s height shows, few enough to list within F8&apos;s budget on a loaded machine the preview asked for once the list is painted (its drawing shares the interpreter) the list&apos;s loads: only the newest reload&apos;s answers are shown what is shown is the first page only, the whole list on its way the chosen receipt&apos;s preview asked for, after the list&apos;s paint</extracomment>
        <translation>Receipts of this counter&apos;s shifts (the open shift and the one just closed)</translation>
    </message>
    <message>
        <source>Số phiếu</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>Giờ</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Mã KH</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Khách hàng</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Method</translation>
    </message>
    <message>
        <source>Thu ngân</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Hủy phiếu chọn… (Del)</source>
        <extracomment>why the chosen receipt cannot be voided, said at Del before any password</extracomment>
        <translation>Void the selected receipt… (Del)</translation>
    </message>
    <message>
        <source>Xuất CSV (Ctrl+E)</source>
        <translation>Export CSV (Ctrl+E)</translation>
    </message>
    <message>
        <source>Xuất Excel (Ctrl+Shift+E)</source>
        <translation>Export Excel (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>In lại bản sao (Ctrl+P)</source>
        <translation>Reprint a copy (Ctrl+P)</translation>
    </message>
    <message>
        <source>Enter xem phiếu · Ctrl+P in lại bản sao · Del hủy phiếu · Ctrl+E xuất CSV · Ctrl+Shift+E xuất Excel · Esc đóng</source>
        <translation>Enter show receipt · Ctrl+P reprint a copy · Del void receipt · Ctrl+E export CSV · Ctrl+Shift+E export Excel · Esc close</translation>
    </message>
    <message>
        <source>ĐÃ HỦY</source>
        <translation>VOIDED</translation>
    </message>
    <message>
        <source>Đã thu</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>{n} phiếu đã thu, tổng {total}; {v} phiếu đã hủy.</source>
        <translation>{n} receipts taken, total {total}; {v} receipts voided.</translation>
    </message>
    <message>
        <source>Lý do hủy: {why}</source>
        <translation>Void reason: {why}</translation>
    </message>
    <message>
        <source>Lưu bảng kê thu</source>
        <translation>Save the collection list</translation>
    </message>
    <message>
        <source>Tệp CSV (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx)</source>
        <translation>Excel file (*.xlsx)</translation>
    </message>
    <message>
        <source>Đã lưu {name}.</source>
        <translation>Saved {name}.</translation>
    </message>
    <message>
        <source>Đã xếp in bản sao số {n} của phiếu {r}.</source>
        <translation>Copy no. {n} of receipt {r} queued for printing.</translation>
    </message>
</context>
<context>
    <name>RequestListWindow</name>
    <message>
        <source>Yêu cầu</source>
        <extracomment>a draft to take up again in the request form (the main window opens it)</extracomment>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Mã yêu cầu hoặc số điện thoại</source>
        <translation>Request number or phone number</translation>
    </message>
    <message>
        <source>Mọi loại</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>Mọi trạng thái</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>từ ngày dd/mm/yyyy</source>
        <translation>from dd/mm/yyyy</translation>
    </message>
    <message>
        <source>đến ngày dd/mm/yyyy</source>
        <translation>to dd/mm/yyyy</translation>
    </message>
    <message>
        <source>Mọi nhân viên</source>
        <translation>All staff</translation>
    </message>
    <message>
        <source>Mã khách hàng hoặc tên</source>
        <translation>Customer code or name</translation>
    </message>
    <message>
        <source>Tra cứu</source>
        <translation>Look up</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nhân viên</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Khách hàng</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Bản nháp (đang nhập dở, lưu tự động)</source>
        <translation>Drafts (half-typed, saved automatically)</translation>
    </message>
    <message>
        <source>In lại phiếu (Ctrl+P)</source>
        <translation>Reprint slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Mở tiếp bản nháp (Ctrl+O)</source>
        <translation>Resume draft (Ctrl+O)</translation>
    </message>
    <message>
        <source>Bỏ bản nháp (Ctrl+Delete)</source>
        <translation>Discard draft (Ctrl+Delete)</translation>
    </message>
    <message>
        <source>Ctrl+O mở tiếp bản nháp · Ctrl+Del bỏ bản nháp · Ctrl+P in lại phiếu · Esc đóng</source>
        <translation>Ctrl+O resume draft · Ctrl+Del discard draft · Ctrl+P reprint slip · Esc close</translation>
    </message>
    <message>
        <source>&quot;Đến ngày&quot; phải sau &quot;Từ ngày&quot;.</source>
        <translation>&quot;To&quot; must be after &quot;From&quot;.</translation>
    </message>
    <message>
        <source>QUÁ HẠN {day}</source>
        <translation>OVERDUE {day}</translation>
    </message>
    <message>
        <source>{n} yêu cầu, {late} quá hạn.</source>
        <translation>{n} requests, {late} overdue.</translation>
    </message>
    <message>
        <source>Tiến độ {ref}: </source>
        <translation>Progress of {ref}: </translation>
    </message>
    <message>
        <source>Đã in lại phiếu {ref}.</source>
        <translation>Slip {ref} printed again.</translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message>
        <source>Tìm khách hàng (F2):</source>
        <extracomment>Pause after the last keystroke before searching, so fast typing makes one query. The key&apos;s own handling and a loaded machine&apos;s wake-up come on top of it: 130 keeps the pause a cashier feels within 150 ms (issue 31), still longer than a typist&apos;s gap between keys. an account to open (Enter on a row, or a scan that found its exact code) Enter in the box with this query (a scan: the window lets the last customer go) typed into, or emptied with Esc: the last message is no longer the point the row :meth:`highlighted` names may have changed (the list took or lost the keyboard, another row was chosen) the ticket whose best matches are shown and whose rest is on its way</extracomment>
        <translation>Find customer (F2):</translation>
    </message>
    <message>
        <source>Mã khách hàng, số điện thoại, số công tơ, hoặc tên và địa chỉ – không cần dấu</source>
        <translation>Customer code, phone, meter number, or name and address – no accents needed</translation>
    </message>
    <message>
        <source>{n} kết quả, đang tìm thêm…</source>
        <translation>{n} results, finding more…</translation>
    </message>
    <message>
        <source>Không tìm thấy</source>
        <translation>Not found</translation>
    </message>
    <message>
        <source>{n} kết quả đầu – gõ thêm để thu hẹp</source>
        <translation>First {n} results – type more to narrow</translation>
    </message>
    <message>
        <source>{n} kết quả</source>
        <translation>{n} results</translation>
    </message>
</context>
<context>
    <name>ServiceRequestDialog</name>
    <message>
        <source>Tiếp nhận yêu cầu dịch vụ</source>
        <extracomment>how long after the last key a draft is written: one write per pause, not per key a draft written to the store (tests wait for it) the account the form is for: the open customer&apos;s, or the draft&apos;s the slip came out once: printing it again makes a copy (&quot;BẢN SAO&quot;)</extracomment>
        <translation>Take a service request</translation>
    </message>
    <message>
        <source>12 chữ số (cấp mới, thay đổi, chấm dứt HĐ)</source>
        <translation>12 digits (new connection, change, end of contract)</translation>
    </message>
    <message>
        <source>Khách hàng đồng ý cho xử lý số CCCD và số tài khoản ngân hàng để giải quyết yêu cầu này</source>
        <translation>The customer consents to the processing of the ID number and bank account number for this request</translation>
    </message>
    <message>
        <source>Đính kèm giấy tờ: ảnh, PDF (Ctrl+O)</source>
        <translation>Attach documents: images, PDF (Ctrl+O)</translation>
    </message>
    <message>
        <source>Delete: bỏ giấy tờ đang chọn khỏi yêu cầu</source>
        <translation>Delete: remove the selected document from the request</translation>
    </message>
    <message>
        <source>dd/mm/yyyy (không bắt buộc)</source>
        <translation>dd/mm/yyyy (optional)</translation>
    </message>
    <message>
        <source>{code} — {name}</source>
        <translation>{code} — {name}</translation>
    </message>
    <message>
        <source>(khách hàng mới, chưa có mã)</source>
        <translation>(new customer, no code yet)</translation>
    </message>
    <message>
        <source>Khách hàng</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Loại yêu cầu</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>Họ tên người yêu cầu</source>
        <translation>Requester&apos;s full name</translation>
    </message>
    <message>
        <source>Địa chỉ sử dụng điện</source>
        <translation>Address where power is used</translation>
    </message>
    <message>
        <source>Điện thoại liên hệ</source>
        <translation>Contact phone</translation>
    </message>
    <message>
        <source>Số CCCD</source>
        <translation>ID card (CCCD) number</translation>
    </message>
    <message>
        <source>Dữ liệu cá nhân</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Ngày mong muốn</source>
        <translation>Preferred date</translation>
    </message>
    <message>
        <source>Giấy tờ đính kèm</source>
        <translation>Attached documents</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Tiếp nhận và in phiếu (Ctrl+Enter)</source>
        <translation>Take and print the slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>In lại phiếu (Ctrl+P)</source>
        <translation>Reprint the slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Ctrl+Enter tiếp nhận và in phiếu · Ctrl+O đính kèm giấy tờ · Ctrl+P in lại phiếu · Esc đóng</source>
        <translation>Ctrl+Enter take and print slip · Ctrl+O attach papers · Ctrl+P reprint slip · Esc close</translation>
    </message>
    <message>
        <source>{label} không hợp lệ: gõ theo dạng ngày/tháng/năm, ví dụ 15/12/2026.</source>
        <translation>{label} is not a valid date: type it as day/month/year, for example 15/12/2026.</translation>
    </message>
    <message>
        <source>Chọn giấy tờ đính kèm</source>
        <translation>Choose a document to attach</translation>
    </message>
    <message>
        <source>Ảnh hoặc PDF (*.png *.jpg *.jpeg *.pdf);;Mọi tệp (*)</source>
        <translation>Images or PDF (*.png *.jpg *.jpeg *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>Đã bỏ {name}.</source>
        <translation>Removed {name}.</translation>
    </message>
    <message>
        <source>{name} ({size} KB)</source>
        <translation>{name} ({size} KB)</translation>
    </message>
    <message>
        <source>Đã đính kèm {name}.</source>
        <translation>Attached {name}.</translation>
    </message>
    <message>
        <source>Giấy tờ {n}</source>
        <translation>Document {n}</translation>
    </message>
    <message>
        <source>Đã tiếp nhận yêu cầu {ref}. Đang in phiếu tiếp nhận…</source>
        <translation>Request {ref} taken. Printing the acknowledgement…</translation>
    </message>
    <message>
        <source>Đã tiếp nhận yêu cầu {ref} và in phiếu. Esc để đóng.</source>
        <translation>Request {ref} taken and the slip printed. Esc to close.</translation>
    </message>
    <message>
        <source>Đã tiếp nhận yêu cầu {ref}. {error} Ctrl+P để in lại phiếu.</source>
        <translation>Request {ref} taken. {error} Ctrl+P to print the slip again.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>QuayThu – cài đặt (quản trị viên)</source>
        <extracomment>the log&apos;s key kept in a file (no OS keyring): the designed fallback, a fact for the administrator, not a red line on every window (desktop/vault.py)</extracomment>
        <translation>QuayThu – settings (administrator)</translation>
    </message>
    <message>
        <source>Chữ lớn (mọi cỡ chữ ×1,25)</source>
        <translation>Large text (every size ×1.25)</translation>
    </message>
    <message>
        <source>Máy này không có kho khoá của hệ điều hành: khoá của sổ thao tác (ops.log) nằm trong một tệp chỉ người dùng này đọc được, ngoài thư mục dữ liệu ({folder}). Đó là cách dự phòng đã định; quầy vẫn thu bình thường.</source>
        <translation>This machine has no OS keyring: the key of the operation log (ops.log) is kept in a file only this user can read, outside the data folder ({folder}). That is the designed fallback; the counter collects as usual.</translation>
    </message>
    <message>
        <source>Tương phản cao (chữ đen trên nền trắng, viền chọn vàng)</source>
        <translation>High contrast (black on white, yellow focus ring)</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm</source>
        <translation>Central server</translation>
    </message>
    <message>
        <source>Điểm thu</source>
        <translation>Collection point</translation>
    </message>
    <message>
        <source>Máy in</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Hiển thị</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>Lưu trang này (Ctrl+S)</source>
        <translation>Save this page (Ctrl+S)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Đã lưu ngôn ngữ.</source>
        <translation>Language saved.</translation>
    </message>
    <message>
        <source>In trang thử (F6) trước, để chọn dòng in đúng.</source>
        <translation>Print the test page (F6) first, to choose the line that prints right.</translation>
    </message>
    <message>
        <source>Đã lưu.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Chứng chỉ của máy chủ trung tâm không do CA tin cậy cấp: chọn tệp CA riêng của công ty ở trang trước, hoặc hỏi bộ phận CNTT.</source>
        <translation>The central server&apos;s certificate is not from a trusted CA: choose the company&apos;s own CA file on the previous page, or ask IT.</translation>
    </message>
    <message>
        <source>Máy chủ trung tâm từ chối mã đăng ký này (sai, đã dùng hoặc hết hạn): hỏi quản trị viên mã mới.</source>
        <translation>The central server refused this enrolment code (wrong, used or expired): ask the administrator for a new one.</translation>
    </message>
    <message>
        <source>QuayThu – cài đặt quầy thu</source>
        <translation>QuayThu – set up the counter</translation>
    </message>
    <message>
        <source>&lt; &amp;Quay lại</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Tiếp &gt; (Enter)</source>
        <translation>&amp;Next &gt; (Enter)</translation>
    </message>
    <message>
        <source>&amp;Xong (Enter)</source>
        <translation>&amp;Finish (Enter)</translation>
    </message>
    <message>
        <source>Thoát (Esc)</source>
        <translation>Quit (Esc)</translation>
    </message>
</context>
<context>
    <name>ShellWindow</name>
    <message>
        <source>Khách đã chuyển khoản VietQR {ref} sau khi đóng cửa sổ thu tiền: đã thu {a}, phiếu {r} (in khi máy in sẵn sàng).</source>
        <extracomment>which window this is; a person of another role signing in here gets theirs whether someone of the same window&apos;s role who signs in after a sign-out keeps this window (the counter), or gets a fresh one (a window tied to one person&apos;s day) whether this window keeps the counter in step with central (app.link) who signed in after a sign-out and needs another window than this one the person said &quot;Thoát&quot; to the question about their open shift what the start noticed, whole and wrapped above the keys (in the status bar&apos;s message area it was cut to half a sentence)</extracomment>
        <translation>The customer paid VietQR {ref} after the payment window was closed: {a} taken, receipt {r} (it prints when the printer is ready).</translation>
    </message>
    <message>
        <source>Đã đăng xuất</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L đăng xuất</source>
        <translation>Ctrl+Shift+L sign out</translation>
    </message>
    <message>
        <source>Máy đang làm việc ngoại tuyến.</source>
        <translation>This machine is working offline.</translation>
    </message>
    <message>
        <source>Xuất nhật ký hỗ trợ</source>
        <translation>Export support log</translation>
    </message>
    <message>
        <source>Tệp zip (*.zip)</source>
        <translation>Zip file (*.zip)</translation>
    </message>
    <message>
        <source>Đã ghi tệp hỗ trợ {path}: gửi tệp này cho bộ phận hỗ trợ.</source>
        <translation>Support file written to {path}: send this file to support.</translation>
    </message>
</context>
<context>
    <name>ShiftPart</name>
    <message>
        <source>Chưa mở ca</source>
        <extracomment>whether F10 opens and closes the shift in this window (an agent&apos;s opens by itself)</extracomment>
        <translation>No shift open</translation>
    </message>
    <message>
        <source> · F10 mở ca</source>
        <translation> · F10 open shift</translation>
    </message>
    <message>
        <source>Ca mở lúc {when} · {who}</source>
        <translation>Shift opened at {when} · {who}</translation>
    </message>
    <message>
        <source> · F10 đóng ca</source>
        <translation> · F10 close shift</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>QuayThu – màn hình đã khóa</source>
        <extracomment>the idle screen: the same person or a supervisor a supervisor comes to the counter for one action, then leaves the result code of the lock screen when the person at the counter signs out Enter was pressed before the core was there: the sign-in follows at attach Esc was pressed before the core was there: asked once whose shifts are open when the program&apos;s first screen was first on screen (the start&apos;s benchmark)</extracomment>
        <translation>QuayThu – screen locked</translation>
    </message>
    <message>
        <source>QuayThu – đăng nhập</source>
        <translation>QuayThu – sign in</translation>
    </message>
    <message>
        <source>Tên đăng nhập</source>
        <extracomment>the sign-in and the lock are the counter&apos;s screen while nobody works: the whole window, the unit and counter named, large fields (a shared counter, not a box on grey); a supervisor&apos;s one action stays a dialog over the window</extracomment>
        <translation>User name</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Đăng nhập (Enter)</source>
        <translation>Sign in (Enter)</translation>
    </message>
    <message>
        <source>Mở khóa (Enter)</source>
        <translation>Unlock (Enter)</translation>
    </message>
    <message>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Thoát (Esc)</source>
        <translation>Quit (Esc)</translation>
    </message>
    <message>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Quầy {0}</source>
        <extracomment>whose shifts are open at this counter (quitting the sign-in screen asks then)</extracomment>
        <translation>Counter {0}</translation>
    </message>
    <message>
        <source>Đang mở dữ liệu của quầy…</source>
        <translation>Opening the counter&apos;s data…</translation>
    </message>
    <message>
        <source>Màn hình đã khóa. {name} ({role}) đang làm việc: nhập mật khẩu của người này, hoặc của giám sát.</source>
        <translation>Screen locked. {name} ({role}) is working: enter this person&apos;s password, or a supervisor&apos;s.</translation>
    </message>
    <message>
        <source>Việc này cần giám sát: giám sát đăng nhập tại đây.</source>
        <translation>This needs a supervisor: the supervisor signs in here.</translation>
    </message>
    <message>
        <source>Đăng nhập để làm việc tại quầy.</source>
        <translation>Sign in to work at the counter.</translation>
    </message>
    <message>
        <source>Nhập tên đăng nhập và mật khẩu.</source>
        <translation>Enter the user name and password.</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>StaffPart</name>
    <message>
        <source>Chưa đăng nhập</source>
        <translation>Nobody signed in</translation>
    </message>
</context>
<context>
    <name>StartupWindow</name>
    <message>
        <source>Đang chuẩn bị, xin chờ trong giây lát…</source>
        <extracomment>what the work calls: (what it is doing, per cent done) set once the work is over: closing the window then is not a cancellation</extracomment>
        <translation>Getting ready, please wait a moment…</translation>
    </message>
    <message>
        <source>Bắt đầu</source>
        <translation>Starting</translation>
    </message>
</context>
<context>
    <name>StorePart</name>
    <message>
        <source>Kho cục bộ: {name}</source>
        <translation>Local store: {name}</translation>
    </message>
</context>
<context>
    <name>SyncIssuesDialog</name>
    <message>
        <source>Các mục đồng bộ cần xử lý</source>
        <translation>Sync items that need attention</translation>
    </message>
    <message>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Không có mục nào cần xử lý.</source>
        <translation>Nothing needs attention.</translation>
    </message>
    <message>
        <source>Xác nhận đã xem mục chọn (Enter)</source>
        <translation>Mark the selected item as seen (Enter)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Ghi có cho khách</source>
        <translation>Credited to the customer</translation>
    </message>
    <message>
        <source>Hỏng, đã để riêng</source>
        <translation>Damaged, set aside</translation>
    </message>
    <message>
        <source>Không do quầy ghi, đã để riêng</source>
        <translation>Not written by this counter, set aside</translation>
    </message>
    <message>
        <source>Sổ thao tác thiếu dòng</source>
        <translation>Operation log lines missing</translation>
    </message>
    <message>
        <source>Trùng số phiếu thu</source>
        <translation>Receipt number clash</translation>
    </message>
    <message>
        <source>Nhật ký khác trung tâm</source>
        <translation>Journal differs from central</translation>
    </message>
</context>
<context>
    <name>SyncPart</name>
    <message>
        <source>Đang kết nối máy chủ trung tâm…</source>
        <extracomment>the link&apos;s state by colour and word (the status bar puts it beside this part)</extracomment>
        <translation>Connecting to the central server…</translation>
    </message>
    <message>
        <source>Không kết nối máy chủ trung tâm (dữ liệu cục bộ)</source>
        <translation>No connection to the central server (local data)</translation>
    </message>
    <message>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source> · F5 đồng bộ · F6 cần xử lý</source>
        <translation> · F5 sync · F6 needs attention</translation>
    </message>
</context>
<context>
    <name>SyncView</name>
    <message>
        <source>Chưa đăng ký với máy chủ trung tâm</source>
        <translation>Not enrolled with the central server</translation>
    </message>
    <message>
        <source>Đang kết nối…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Ngoại tuyến</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>đồng bộ {0}</source>
        <translation>synced {0}</translation>
    </message>
    <message>
        <source>chưa đồng bộ lần nào</source>
        <translation>never synced</translation>
    </message>
    <message>
        <source>{0} · {1} · chờ gửi {2}</source>
        <translation>{0} · {1} · {2} waiting to send</translation>
    </message>
    <message>
        <source> · cần xử lý {0}</source>
        <translation> · {0} need attention</translation>
    </message>
</context>
<context>
    <name>ToolsWindow</name>
    <message>
        <source>Công cụ: tính hóa đơn, kiểm tra hóa đơn, ước tính điện năng</source>
        <translation>Tools: bill calculator, bill check, consumption estimate</translation>
    </message>
    <message>
        <source>Không gắn với khách hàng nào</source>
        <translation>Not tied to any customer</translation>
    </message>
    <message>
        <source>Tính hóa đơn (Ctrl+1)</source>
        <translation>Bill calculator (Ctrl+1)</translation>
    </message>
    <message>
        <source>Kiểm tra hóa đơn (Ctrl+2)</source>
        <translation>Bill check (Ctrl+2)</translation>
    </message>
    <message>
        <source>Ước tính điện năng (Ctrl+3)</source>
        <translation>Consumption estimate (Ctrl+3)</translation>
    </message>
    <message>
        <source>In ra máy in của quầy (Ctrl+P)</source>
        <translation>Print on the counter&apos;s printer (Ctrl+P)</translation>
    </message>
    <message>
        <source>Lưu PDF A4… (Ctrl+E)</source>
        <translation>Save A4 PDF… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Ctrl+1/Ctrl+2/Ctrl+3 chọn trang · Enter tính · Ctrl+P in phiếu · Ctrl+E lưu PDF · F7 công cụ · Esc đóng</source>
        <translation>Ctrl+1/Ctrl+2/Ctrl+3 choose tab · Enter calculate · Ctrl+P print slip · Ctrl+E save PDF · F7 tools · Esc close</translation>
    </message>
    <message>
        <source>Sản lượng kWh</source>
        <translation>Consumption kWh</translation>
    </message>
    <message>
        <source>Chỉ số công tơ</source>
        <translation>Meter readings</translation>
    </message>
    <message>
        <source>Theo 3 khung giờ</source>
        <translation>By three time bands</translation>
    </message>
    <message>
        <source>Tính theo số người thuê (4 người = 1 hộ)</source>
        <translation>By number of tenants (4 people = 1 household)</translation>
    </message>
    <message>
        <source>Nhóm giá</source>
        <translation>Price group</translation>
    </message>
    <message>
        <source>Cấp điện áp</source>
        <translation>Voltage level</translation>
    </message>
    <message>
        <source>Từ ngày</source>
        <translation>From date</translation>
    </message>
    <message>
        <source>Đến ngày</source>
        <translation>To date</translation>
    </message>
    <message>
        <source>Cách nhập</source>
        <translation>Input</translation>
    </message>
    <message>
        <source>Sản lượng (kWh)</source>
        <translation>Consumption (kWh)</translation>
    </message>
    <message>
        <source>Chỉ số cũ</source>
        <translation>Previous reading</translation>
    </message>
    <message>
        <source>Chỉ số mới</source>
        <translation>Current reading</translation>
    </message>
    <message>
        <source>Hệ số nhân</source>
        <translation>Multiplier</translation>
    </message>
    <message>
        <source>Giờ bình thường (kWh)</source>
        <translation>Normal hours (kWh)</translation>
    </message>
    <message>
        <source>Giờ thấp điểm (kWh)</source>
        <translation>Off-peak hours (kWh)</translation>
    </message>
    <message>
        <source>Giờ cao điểm (kWh)</source>
        <translation>Peak hours (kWh)</translation>
    </message>
    <message>
        <source>Số hộ</source>
        <translation>Households</translation>
    </message>
    <message>
        <source>Số người thuê</source>
        <translation>Tenants</translation>
    </message>
    <message>
        <source>Tính (Enter)</source>
        <extracomment>what a row shows: a number field with its error line beside it</extracomment>
        <translation>Calculate (Enter)</translation>
    </message>
    <message>
        <source>Diễn giải</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>kWh</source>
        <translation>kWh</translation>
    </message>
    <message>
        <source>Đơn giá</source>
        <translation>Unit price</translation>
    </message>
    <message>
        <source>Thành tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Công tơ quay vòng</source>
        <translation>Meter rolled over</translation>
    </message>
    <message>
        <source>Đã thay công tơ</source>
        <translation>Meter replaced</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Công tơ có bao nhiêu chữ số?</source>
        <translation>How many digits does the meter have?</translation>
    </message>
    <message>
        <source>Công tơ đã thay: nhập sản lượng kWh của kỳ (công tơ cũ và công tơ mới cộng lại).</source>
        <translation>Meter replaced: enter the period&apos;s kWh (old meter and new meter together).</translation>
    </message>
    <message>
        <source>Khách hàng: {who}</source>
        <translation>Customer: {who}</translation>
    </message>
    <message>
        <source>Đã thanh toán</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Chưa thanh toán</source>
        <translation>Unpaid</translation>
    </message>
    <message>
        <source>Hóa đơn trong dữ liệu cục bộ của khách hàng đang mở:</source>
        <translation>Bills in the local data of the open customer:</translation>
    </message>
    <message>
        <source>Số hóa đơn</source>
        <translation>Bill number</translation>
    </message>
    <message>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Kiểm tra hóa đơn đã chọn (Enter)</source>
        <translation>Check the selected bill (Enter)</translation>
    </message>
    <message>
        <source>Dòng</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>kWh trên HĐ</source>
        <translation>kWh on bill</translation>
    </message>
    <message>
        <source>Tiền trên HĐ</source>
        <translation>Amount on bill</translation>
    </message>
    <message>
        <source>kWh tính lại</source>
        <translation>kWh recomputed</translation>
    </message>
    <message>
        <source>Tiền tính lại</source>
        <translation>Amount recomputed</translation>
    </message>
    <message>
        <source>Chênh lệch</source>
        <translation>Difference</translation>
    </message>
    <message>
        <source>Chọn một hóa đơn để kiểm tra.</source>
        <translation>Choose a bill to check.</translation>
    </message>
    <message>
        <source>Cộng tiền điện</source>
        <translation>Electricity subtotal</translation>
    </message>
    <message>
        <source>Thuế GTGT</source>
        <translation>VAT</translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Hóa đơn {no} khớp với cách tính theo biểu giá.</source>
        <translation>Bill {no} agrees with the tariff.</translation>
    </message>
    <message>
        <source>Hóa đơn {no} chênh lệch {d} so với tính lại.</source>
        <translation>Bill {no} differs by {d} from the recomputation.</translation>
    </message>
    <message>
        <source>Thêm (Ctrl+Enter)</source>
        <translation>Add (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Thiết bị</source>
        <translation>Appliance</translation>
    </message>
    <message>
        <source>SL</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Giờ/ngày</source>
        <translation>Hours/day</translation>
    </message>
    <message>
        <source>Ngày/tháng</source>
        <translation>Days/month</translation>
    </message>
    <message>
        <source>Công suất</source>
        <translation>Power</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>kWh/tháng</source>
        <translation>kWh/month</translation>
    </message>
    <message>
        <source>Xóa dòng chọn (Delete)</source>
        <translation>Delete the selected line (Delete)</translation>
    </message>
    <message>
        <source>Ghi nhớ làm phương án gốc</source>
        <translation>Keep as the baseline</translation>
    </message>
    <message>
        <source>Ước tính {kwh} kWh/tháng → tiền điện {total} (đã gồm GTGT)</source>
        <translation>Estimate {kwh} kWh/month → electricity {total} (VAT included)</translation>
    </message>
    <message>
        <source>So với phương án gốc: {dk} kWh, {dm}</source>
        <translation>Against the baseline: {dk} kWh, {dm}</translation>
    </message>
    <message>
        <source>Chưa có kết quả để in; hãy tính trước.</source>
        <translation>Nothing to print yet; calculate first.</translation>
    </message>
    <message>
        <source>Đã lưu {p}</source>
        <translation>Saved {p}</translation>
    </message>
    <message>
        <source>Đang in phiếu…</source>
        <translation>Printing the slip…</translation>
    </message>
    <message>
        <source>Đã in phiếu ra máy in của quầy.</source>
        <translation>Slip printed on the counter&apos;s printer.</translation>
    </message>
    <message>
        <source>Chưa in được phiếu: {e} Có thể lưu PDF (Ctrl+E).</source>
        <translation>The slip did not print: {e} You can save a PDF (Ctrl+E).</translation>
    </message>
    <message>
        <source>Lưu PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
</context>
<context>
    <name>TurnInDialog</name>
    <message>
        <source>Bàn giao tiền của ca cho thủ quỹ · nộp ngân hàng</source>
        <translation>Shift cash handed to the head cashier · bank deposit</translation>
    </message>
    <message>
        <source>Thủ quỹ đăng nhập tại đây để nhận tiền của ca đã đóng. Thủ quỹ đếm tiền mà không xem số của ca.</source>
        <translation>The head cashier signs in here to take over a closed shift&apos;s cash, and counts it without seeing the shift&apos;s figure.</translation>
    </message>
    <message>
        <source>Thủ quỹ</source>
        <translation>Head cashier</translation>
    </message>
    <message>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ca đã đóng chờ bàn giao:</source>
        <translation>Closed shifts waiting to be handed over:</translation>
    </message>
    <message>
        <source>lý do nếu chênh lệch (khi được hỏi)</source>
        <translation>reason if it differs (when asked)</translation>
    </message>
    <message>
        <source>Nhận bàn giao (Ctrl+Enter)</source>
        <translation>Take over (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Nộp ngân hàng (Ctrl+D)</source>
        <translation>Bank deposit (Ctrl+D)</translation>
    </message>
    <message>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>{who} · đóng lúc {when}</source>
        <translation>{who} · closed at {when}</translation>
    </message>
    <message>
        <source>Đếm tiền theo mệnh giá rồi Ctrl+Enter.</source>
        <translation>Count the cash by denomination, then Ctrl+Enter.</translation>
    </message>
    <message>
        <source>Không có ca nào chờ bàn giao.</source>
        <translation>No shift is waiting to be handed over.</translation>
    </message>
    <message>
        <source>Lập phiếu nộp (Ctrl+Enter)</source>
        <translation>Write deposit slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Về bàn giao (Ctrl+D)</source>
        <translation>Back to hand-over (Ctrl+D)</translation>
    </message>
    <message>
        <source>Thủ quỹ đếm được: {t}</source>
        <translation>Head cashier counted: {t}</translation>
    </message>
    <message>
        <source>Đã nhận bàn giao ca của {who}: {amount}.</source>
        <translation>Took over the shift of {who}: {amount}.</translation>
    </message>
</context>
<context>
    <name>_Totals</name>
    <message>
        <source>Cộng tiền điện:</source>
        <translation>Electricity subtotal:</translation>
    </message>
    <message>
        <source>Thuế GTGT:</source>
        <translation>VAT:</translation>
    </message>
    <message>
        <source>Tổng cộng:</source>
        <translation>Total:</translation>
    </message>
    <message>
        <source>Ước tính </source>
        <translation>Estimate </translation>
    </message>
    <message>
        <source>Bằng chữ: </source>
        <translation>In words: </translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>Đã xảy ra lỗi không mong muốn ({kind}). Các khoản đã thu đã được lưu an toàn; thao tác đang làm dở vẫn còn trên màn hình, hãy thử lại. Nếu lỗi lặp lại, báo bộ phận hỗ trợ và gửi kèm tệp nhật ký: Ctrl+Shift+E (Xuất nhật ký hỗ trợ) ở màn hình chính, hoặc lệnh &apos;quaythu support-bundle&apos;.</source>
        <translation>An unexpected error occurred ({kind}). Payments taken are safely stored; what you were doing is still on screen, try again. If it happens again, tell support and send the log file: Ctrl+Shift+E (Export support log) in the main window, or the command &apos;quaythu support-bundle&apos;.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đã xảy ra lỗi không mong muốn; thao tác chưa hoàn tất và dữ liệu đã lưu không bị ảnh hưởng. Hãy thử lại hoặc báo bộ phận hỗ trợ.</source>
        <translation>An unexpected error occurred; the action did not complete and saved data is unaffected. Try again or tell support.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Chưa đăng nhập được: {0}</source>
        <extracomment>a file that the moment the sign-in screen is first shown is written to (wall clock, seconds since the epoch), after which the program leaves: the cold-start benchmark (tests/perf/bench_startup.py) times the installed bundle with it from outside</extracomment>
        <translation>Could not sign in yet: {0}</translation>
    </message>
</context>
<context>
    <name>reasons</name>
    <message>
        <source>Khách làm mất phiếu</source>
        <translation>The customer lost the receipt</translation>
    </message>
    <message>
        <source>Phiếu in mờ, rách</source>
        <translation>The receipt is faded or torn</translation>
    </message>
    <message>
        <source>Khách cần thêm bản</source>
        <translation>The customer needs another copy</translation>
    </message>
    <message>
        <source>Lý do khác</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>Đếm sót một xấp tiền</source>
        <translation>Missed a bundle of notes</translation>
    </message>
    <message>
        <source>Nhập nhầm số tờ</source>
        <translation>Typed a wrong note count</translation>
    </message>
    <message>
        <source>Thối nhầm tiền cho khách</source>
        <translation>Gave a customer wrong change</translation>
    </message>
    <message>
        <source>Nhận nhầm tiền giả/tiền rách</source>
        <translation>Took a fake or torn note</translation>
    </message>
    <message>
        <source>Đếm nhầm lúc nộp tiền</source>
        <translation>Miscounted at a cash drop</translation>
    </message>
    <message>
        <source>Chưa rõ nguyên nhân</source>
        <translation>Cause not known</translation>
    </message>
    <message>
        <source>Thu ngân đếm nhầm lúc đóng ca</source>
        <translation>The cashier miscounted at the close</translation>
    </message>
    <message>
        <source>Thủ quỹ phát hiện tiền giả/tiền rách</source>
        <translation>The head cashier found a fake or torn note</translation>
    </message>
</context>
<context>
    <name>widgets</name>
    <message>
        <source>Thư mục:</source>
        <translation>Look in:</translation>
    </message>
    <message>
        <source>Tên tệp:</source>
        <translation>File name:</translation>
    </message>
    <message>
        <source>Loại tệp:</source>
        <translation>File type:</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
