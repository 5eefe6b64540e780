"""The bill calculator: the tariff tables as data (prices), pricing a period (billing), the
line-by-line check of a cached bill, and the consumption estimator."""
