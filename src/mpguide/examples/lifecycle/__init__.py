"""Chapter: 进程的生命周期、结果和管道 / Process lifecycle, results and Pipe."""
