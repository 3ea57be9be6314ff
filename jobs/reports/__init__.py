"""Reports for recruiters and hiring managers: funnel, time in stage and to hire, sources,
rejections, activity and review responsiveness, read in SQL from the history tables."""
