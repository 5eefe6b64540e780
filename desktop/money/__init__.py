"""Money at the counter: payments and voids, shifts and the cash drawer, VietQR, the live
bill check, the day's list exported."""
