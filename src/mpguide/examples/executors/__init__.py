"""Chapter, 进程池执行器 / ProcessPoolExecutor."""
