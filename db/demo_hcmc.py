"""Word lists for the Ho Chi Minh City demo data.

Names of wards, districts and streets are real (wards as reorganised on
1 July 2025, with a former ward and district that they absorbed); which
power company serves which area is a plausible simplification, and the ward
codes are the demo's own, not the official administrative codes.
"""

from __future__ import annotations

# (family name, weight in ‰): the usual national shares, rounded.
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380), ("Trần", 110), ("Lê", 95), ("Phạm", 70), ("Huỳnh", 40),
    ("Hoàng", 20), ("Phan", 45), ("Võ", 40), ("Vũ", 15), ("Đặng", 21),
    ("Bùi", 20), ("Đỗ", 14), ("Hồ", 13), ("Ngô", 13), ("Dương", 10),
    ("Lý", 5), ("Trương", 10), ("Đinh", 6), ("Lâm", 6), ("Mai", 5),
    ("Tô", 3), ("Châu", 4), ("Tạ", 3), ("Quách", 2), ("La", 2), ("Thái", 3),
    ("Cao", 4), ("Lương", 4), ("Đoàn", 5), ("Kiều", 2), ("Tăng", 2), ("Triệu", 2),
)

MIDDLE_MALE = ("Văn", "Minh", "Quốc", "Đức", "Hữu", "Thanh", "Hoàng", "Công", "Tấn", "Gia",
               "Anh", "Trọng", "Ngọc", "Duy", "Xuân", "Thành", "Phước", "Bảo")
MIDDLE_FEMALE = ("Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Bích", "Hồng", "Phương",
                 "Thùy", "Minh", "Hoài", "Diệu", "Bảo", "Khánh", "Tuyết")
GIVEN_MALE = ("An", "Anh", "Bảo", "Bình", "Chấn", "Cường", "Dũng", "Duy", "Đạt", "Định",
              "Đông", "Giang", "Hải", "Hào", "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Khang",
              "Khánh", "Khoa", "Kiên", "Lâm", "Lộc", "Long", "Luân", "Minh", "Nam", "Nghĩa",
              "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng",
              "Thành", "Thiện", "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tú", "Tuấn", "Việt",
              "Vinh", "Vũ", "Hưng", "Lợi", "Nhựt", "Sang", "Tín", "Trọng", "Khải", "Đức")
GIVEN_FEMALE = ("An", "Anh", "Bích", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh",
                "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan",
                "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Quyên",
                "Quỳnh", "Thảo", "Thoa", "Thu", "Thủy", "Thư", "Tiên", "Trâm", "Trang", "Trinh",
                "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Diễm", "Ly", "Mận", "Lài")

BUSINESS_KINDS = ("Công ty TNHH", "Công ty Cổ phần", "Cửa hàng", "Doanh nghiệp tư nhân",
                  "Hộ kinh doanh")
BUSINESS_WORDS = ("Phú Thịnh", "Thành Công", "Minh Phát", "Hưng Long", "Sài Gòn Xanh",
                  "Tân Tiến", "Đại Phát", "Vạn Lợi", "Kim Ngân", "Hoàng Gia", "Phước Lộc",
                  "An Khang", "Bến Thành", "Nam Việt", "Thiên Phúc", "Đông Á", "Gia Huy")
PRODUCTION_WORDS = ("May mặc", "Cơ khí", "Nhựa", "Bao bì", "Thực phẩm", "In ấn", "Gỗ",
                    "Dệt", "Điện tử", "Nước đá")
ADMIN_NAMES = ("Trường Tiểu học", "Trường THCS", "Trạm Y tế", "UBND", "Nhà Văn hóa",
               "Trường Mầm non", "Công an")

#: District power companies (Điện lực): unit code → name (DOMAIN.md).
UNITS: dict[str, str] = {
    "PE0100": "Điện lực Sài Gòn", "PE0200": "Điện lực Phú Thọ", "PE0300": "Điện lực Chợ Lớn",
    "PE0400": "Điện lực Gia Định", "PE0500": "Điện lực Tân Thuận",
    "PE0600": "Điện lực Bình Phú", "PE0700": "Điện lực Tân Phú", "PE0800": "Điện lực Hóc Môn",
    "PE1000": "Điện lực Thủ Đức", "PE1100": "Điện lực Duyên Hải",
    "PE1200": "Điện lực Thủ Thiêm", "PE1300": "Điện lực Gò Vấp",
    "PE1400": "Điện lực Tân Bình", "PE1500": "Điện lực Bình Chánh",
    "PE1600": "Điện lực An Phú Đông", "PE1900": "Điện lực Củ Chi",
}

# (old district, power company, relative size, streets, ((new ward, old ward), ...))
AREAS: tuple[tuple[str, str, int, tuple[str, ...], tuple[tuple[str, str], ...]], ...] = (
    ("Quận 1", "PE0100", 5,
     ("Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Lê Thánh Tôn", "Pasteur", "Đinh Tiên Hoàng",
      "Nguyễn Thị Minh Khai", "Trần Hưng Đạo", "Cô Giang", "Đề Thám"),
     (("phường Sài Gòn", "Phường Bến Nghé"), ("phường Tân Định", "Phường Tân Định"),
      ("phường Bến Thành", "Phường Phạm Ngũ Lão"), ("phường Cầu Ông Lãnh", "Phường Cô Giang"))),
    ("Quận 3", "PE0100", 5,
     ("Võ Văn Tần", "Nam Kỳ Khởi Nghĩa", "Cách Mạng Tháng Tám", "Lý Chính Thắng",
      "Trần Quốc Thảo", "Nguyễn Đình Chiểu", "Lê Văn Sỹ", "Kỳ Đồng"),
     (("phường Bàn Cờ", "Phường 5"), ("phường Xuân Hòa", "Phường Võ Thị Sáu"),
      ("phường Nhiêu Lộc", "Phường 11"))),
    ("Quận 4", "PE0500", 4,
     ("Khánh Hội", "Hoàng Diệu", "Tôn Đản", "Nguyễn Tất Thành", "Đoàn Văn Bơ", "Vĩnh Khánh"),
     (("phường Xóm Chiếu", "Phường 16"), ("phường Khánh Hội", "Phường 6"),
      ("phường Vĩnh Hội", "Phường 4"))),
    ("Quận 5", "PE0300", 4,
     ("An Dương Vương", "Nguyễn Trãi", "Châu Văn Liêm", "Hải Thượng Lãn Ông",
      "Trần Bình Trọng", "Hùng Vương", "Lương Nhữ Học"),
     (("phường Chợ Quán", "Phường 1"), ("phường An Đông", "Phường 9"),
      ("phường Chợ Lớn", "Phường 11"))),
    ("Quận 6", "PE0600", 5,
     ("Hậu Giang", "Kinh Dương Vương", "Minh Phụng", "Bình Phú", "Nguyễn Văn Luông",
      "Bà Hom"),
     (("phường Bình Tây", "Phường 2"), ("phường Bình Tiên", "Phường 8"),
      ("phường Bình Phú", "Phường 10"), ("phường Phú Lâm", "Phường 13"))),
    ("Quận 7", "PE0500", 6,
     ("Nguyễn Thị Thập", "Huỳnh Tấn Phát", "Nguyễn Văn Linh", "Lê Văn Lương",
      "Nguyễn Hữu Thọ", "Trần Xuân Soạn"),
     (("phường Tân Thuận", "Phường Tân Thuận Đông"), ("phường Phú Thuận", "Phường Phú Thuận"),
      ("phường Tân Mỹ", "Phường Tân Phú"), ("phường Tân Hưng", "Phường Tân Hưng"))),
    ("Quận 8", "PE0300", 6,
     ("Phạm Thế Hiển", "Tạ Quang Bửu", "Âu Dương Lân", "Dương Bá Trạc", "Hưng Phú",
      "Bình Đông"),
     (("phường Chánh Hưng", "Phường 4"), ("phường Phú Định", "Phường 16"),
      ("phường Bình Đông", "Phường 6"))),
    ("Quận 10", "PE0200", 5,
     ("Ba Tháng Hai", "Sư Vạn Hạnh", "Lý Thường Kiệt", "Tô Hiến Thành", "Thành Thái",
      "Ngô Gia Tự", "Nguyễn Tri Phương"),
     (("phường Diên Hồng", "Phường 6"), ("phường Vườn Lài", "Phường 1"),
      ("phường Hòa Hưng", "Phường 13"))),
    ("Quận 11", "PE0200", 5,
     ("Lạc Long Quân", "Lãnh Binh Thăng", "Ông Ích Khiêm", "Minh Phụng", "Bình Thới",
      "Hòa Bình"),
     (("phường Minh Phụng", "Phường 9"), ("phường Bình Thới", "Phường 8"),
      ("phường Hòa Bình", "Phường 5"), ("phường Phú Thọ", "Phường 15"))),
    ("Quận 12", "PE1600", 8,
     ("Hà Huy Giáp", "Nguyễn Ảnh Thủ", "Lê Văn Khương", "Tô Ký", "Trường Chinh",
      "Tân Thới Hiệp 21"),
     (("phường Đông Hưng Thuận", "Phường Đông Hưng Thuận"),
      ("phường Trung Mỹ Tây", "Phường Trung Mỹ Tây"),
      ("phường Tân Thới Hiệp", "Phường Tân Thới Hiệp"), ("phường Thới An", "Phường Thới An"),
      ("phường An Phú Đông", "Phường An Phú Đông"))),
    ("Quận Bình Thạnh", "PE0400", 8,
     ("Xô Viết Nghệ Tĩnh", "Điện Biên Phủ", "Bạch Đằng", "Nơ Trang Long", "Đinh Bộ Lĩnh",
      "Phan Văn Trị", "Nguyễn Xí", "Bình Quới"),
     (("phường Gia Định", "Phường 1"), ("phường Bình Thạnh", "Phường 14"),
      ("phường Bình Lợi Trung", "Phường 5"), ("phường Thạnh Mỹ Tây", "Phường 22"),
      ("phường Bình Quới", "Phường 28"))),
    ("Quận Gò Vấp", "PE1300", 9,
     ("Quang Trung", "Nguyễn Oanh", "Phan Văn Trị", "Lê Đức Thọ", "Nguyễn Văn Lượng",
      "Phạm Văn Chiêu", "Thống Nhất"),
     (("phường Hạnh Thông", "Phường 1"), ("phường An Nhơn", "Phường 6"),
      ("phường Gò Vấp", "Phường 17"), ("phường An Hội Đông", "Phường 15"),
      ("phường Thông Tây Hội", "Phường 11"), ("phường An Hội Tây", "Phường 12"))),
    ("Quận Phú Nhuận", "PE1400", 4,
     ("Phan Xích Long", "Phan Đăng Lưu", "Hoàng Văn Thụ", "Huỳnh Văn Bánh", "Trường Sa",
      "Nguyễn Kiệm"),
     (("phường Đức Nhuận", "Phường 4"), ("phường Cầu Kiệu", "Phường 1"),
      ("phường Phú Nhuận", "Phường 15"))),
    ("Quận Tân Bình", "PE1400", 8,
     ("Cộng Hòa", "Trường Chinh", "Hoàng Văn Thụ", "Lạc Long Quân", "Bàu Cát", "Âu Cơ",
      "Lê Văn Sỹ", "Phạm Văn Hai"),
     (("phường Tân Sơn Hòa", "Phường 1"), ("phường Tân Sơn Nhất", "Phường 4"),
      ("phường Tân Hòa", "Phường 8"), ("phường Bảy Hiền", "Phường 11"),
      ("phường Tân Bình", "Phường 13"), ("phường Tân Sơn", "Phường 15"))),
    ("Quận Tân Phú", "PE0700", 8,
     ("Lũy Bán Bích", "Tân Kỳ Tân Quý", "Âu Cơ", "Thoại Ngọc Hầu", "Tân Hương",
      "Độc Lập", "Gò Dầu"),
     (("phường Tây Thạnh", "Phường Tây Thạnh"), ("phường Tân Sơn Nhì", "Phường Tân Sơn Nhì"),
      ("phường Phú Thọ Hòa", "Phường Phú Thọ Hòa"), ("phường Tân Phú", "Phường Tân Thành"),
      ("phường Phú Thạnh", "Phường Phú Thạnh"))),
    ("Quận Bình Tân", "PE0600", 10,
     ("Tên Lửa", "Kinh Dương Vương", "Mã Lò", "Lê Văn Quới", "Tỉnh lộ 10", "Hồ Học Lãm",
      "Bình Long"),
     (("phường Bình Hưng Hòa", "Phường Bình Hưng Hòa"), ("phường Bình Tân", "Phường Bình Hưng Hòa B"),
      ("phường Bình Trị Đông", "Phường Bình Trị Đông"), ("phường An Lạc", "Phường An Lạc"),
      ("phường Tân Tạo", "Phường Tân Tạo"))),
    ("TP. Thủ Đức", "PE1000", 12,
     ("Võ Văn Ngân", "Kha Vạn Cân", "Phạm Văn Đồng", "Đỗ Xuân Hợp", "Lê Văn Việt",
      "Hoàng Diệu 2", "Tô Ngọc Vân", "Nguyễn Duy Trinh"),
     (("phường Hiệp Bình", "Phường Hiệp Bình Chánh"), ("phường Thủ Đức", "Phường Linh Chiểu"),
      ("phường Tam Bình", "Phường Tam Phú"), ("phường Linh Xuân", "Phường Linh Xuân"),
      ("phường Tăng Nhơn Phú", "Phường Hiệp Phú"), ("phường Long Bình", "Phường Long Bình"),
      ("phường Phước Long", "Phường Phước Long B"))),
    ("TP. Thủ Đức", "PE1200", 6,
     ("Mai Chí Thọ", "Trần Não", "Lương Định Của", "Nguyễn Thị Định", "Đồng Văn Cống"),
     (("phường An Khánh", "Phường An Khánh"), ("phường Bình Trưng", "Phường Bình Trưng Tây"),
      ("phường Cát Lái", "Phường Cát Lái"))),
    ("Huyện Bình Chánh", "PE1500", 8,
     ("Quốc lộ 1A", "Vĩnh Lộc", "Nguyễn Hữu Trí", "Trần Văn Giàu", "Đinh Đức Thiện"),
     (("xã Bình Chánh", "Xã Bình Chánh"), ("xã Tân Nhựt", "Xã Tân Nhựt"),
      ("xã Vĩnh Lộc", "Xã Vĩnh Lộc A"), ("xã Bình Hưng", "Xã Bình Hưng"))),
    ("Huyện Hóc Môn", "PE0800", 6,
     ("Lê Thị Hà", "Nguyễn Ảnh Thủ", "Phan Văn Hớn", "Đặng Thúc Vịnh", "Quốc lộ 22"),
     (("xã Hóc Môn", "Thị trấn Hóc Môn"), ("xã Bà Điểm", "Xã Bà Điểm"),
      ("xã Xuân Thới Sơn", "Xã Xuân Thới Thượng"), ("xã Đông Thạnh", "Xã Đông Thạnh"))),
    ("Huyện Củ Chi", "PE1900", 5,
     ("Tỉnh lộ 8", "Nguyễn Thị Rành", "Quốc lộ 22", "Tỉnh lộ 15", "Hồ Văn Tắng"),
     (("xã Củ Chi", "Thị trấn Củ Chi"), ("xã Tân An Hội", "Xã Tân An Hội"),
      ("xã Phú Hòa Đông", "Xã Phú Hòa Đông"))),
    ("Huyện Nhà Bè", "PE0500", 2,
     ("Huỳnh Tấn Phát", "Nguyễn Bình", "Lê Văn Lương"),
     (("xã Nhà Bè", "Thị trấn Nhà Bè"), ("xã Hiệp Phước", "Xã Hiệp Phước"))),
    ("Huyện Cần Giờ", "PE1100", 1,
     ("Rừng Sác", "Duyên Hải", "Thạnh Thới"),
     (("xã Cần Giờ", "Thị trấn Cần Thạnh"), ("xã Bình Khánh", "Xã Bình Khánh"))),
)

#: Mobile prefixes of Viettel, VinaPhone, MobiFone, Vietnamobile.
MOBILE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "086", "096",
                   "097", "098", "081", "082", "083", "084", "085", "088", "091", "094",
                   "070", "076", "077", "078", "079", "089", "090", "093", "056", "058")

OUTAGE_REASONS = ("Bảo trì, sửa chữa lưới điện", "Thay máy biến áp", "Di dời trụ điện",
                  "Nâng cấp đường dây trung thế", "Vệ sinh lưới điện", "Thi công công trình")
