"""The daily partitions every asset of the job shares: one per day in Asia/Jakarta.

The partition for day D holds what was crawled for D; the 06:00 schedule fills the day that just ended,
and `sentra run` without --date does the same.
"""
from dagster import DailyPartitionsDefinition

daily_partitions = DailyPartitionsDefinition(start_date="2013-01-01", timezone="Asia/Jakarta")
