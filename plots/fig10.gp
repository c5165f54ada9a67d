set terminal pngcairo size 1800,1000 enhanced font "DejaVu Sans,12"
set output (exists("png_output") ? png_output : 'plots/fig10.png')
set datafile missing "null"
set key box opaque
set multiplot layout 2,3 title "Fig. 10: fluctuations across 4000 Gaussian networks of finite width (lines: theory at order 1/N; points: simulation ± s.e.)"
set xlabel "layer l"; set key top left; set yrange [0:*]; set xrange [0.5:20.5]
set ylabel "N·Var q̂^l"
set title "Var q̂: tanh, σ_w = 2.5, σ_b = 0.3"
plot 'notebooks-out/fig10-fluctuations.dat' index 0 using 3:4 with lines lw 2 lc rgb "#1b9e77" title "theory N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 0 using 3:5:6 with yerrorbars pt 7 ps 0.8 lc rgb "#1b9e77" title "simulation N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 1 using 3:4 with lines lw 2 lc rgb "#d95f02" title "theory N = 400", \
     'notebooks-out/fig10-fluctuations.dat' index 1 using 3:5:6 with yerrorbars pt 7 ps 0.8 lc rgb "#d95f02" title "simulation N = 400"
set title "Var q̂: relu, σ_w = 1.414, σ_b = 0.0"
plot 'notebooks-out/fig10-fluctuations.dat' index 2 using 3:4 with lines lw 2 lc rgb "#1b9e77" title "theory N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 2 using 3:5:6 with yerrorbars pt 7 ps 0.8 lc rgb "#1b9e77" title "simulation N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 3 using 3:4 with lines lw 2 lc rgb "#d95f02" title "theory N = 400", \
     'notebooks-out/fig10-fluctuations.dat' index 3 using 3:5:6 with yerrorbars pt 7 ps 0.8 lc rgb "#d95f02" title "simulation N = 400"
set title "Var q̂: linear, σ_w = 1, σ_b = 0.0"
plot 'notebooks-out/fig10-fluctuations.dat' index 4 using 3:4 with lines lw 2 lc rgb "#1b9e77" title "theory N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 4 using 3:5:6 with yerrorbars pt 7 ps 0.8 lc rgb "#1b9e77" title "simulation N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 5 using 3:4 with lines lw 2 lc rgb "#d95f02" title "theory N = 400", \
     'notebooks-out/fig10-fluctuations.dat' index 5 using 3:5:6 with yerrorbars pt 7 ps 0.8 lc rgb "#d95f02" title "simulation N = 400"
set ylabel "N·Var log|J^l u|^2"
set title "Var log|Ju|^2: tanh, σ_w = 2.5, σ_b = 0.3"
plot 'notebooks-out/fig10-fluctuations.dat' index 0 using 3:7 with lines lw 2 lc rgb "#1b9e77" title "theory N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 0 using 3:8:9 with yerrorbars pt 7 ps 0.8 lc rgb "#1b9e77" title "simulation N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 1 using 3:7 with lines lw 2 lc rgb "#d95f02" title "theory N = 400", \
     'notebooks-out/fig10-fluctuations.dat' index 1 using 3:8:9 with yerrorbars pt 7 ps 0.8 lc rgb "#d95f02" title "simulation N = 400"
set title "Var log|Ju|^2: relu, σ_w = 1.414, σ_b = 0.0"
plot 'notebooks-out/fig10-fluctuations.dat' index 2 using 3:7 with lines lw 2 lc rgb "#1b9e77" title "theory N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 2 using 3:8:9 with yerrorbars pt 7 ps 0.8 lc rgb "#1b9e77" title "simulation N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 3 using 3:7 with lines lw 2 lc rgb "#d95f02" title "theory N = 400", \
     'notebooks-out/fig10-fluctuations.dat' index 3 using 3:8:9 with yerrorbars pt 7 ps 0.8 lc rgb "#d95f02" title "simulation N = 400"
set title "Var log|Ju|^2: linear, σ_w = 1, σ_b = 0.0"
plot 'notebooks-out/fig10-fluctuations.dat' index 4 using 3:7 with lines lw 2 lc rgb "#1b9e77" title "theory N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 4 using 3:8:9 with yerrorbars pt 7 ps 0.8 lc rgb "#1b9e77" title "simulation N = 100", \
     'notebooks-out/fig10-fluctuations.dat' index 5 using 3:7 with lines lw 2 lc rgb "#d95f02" title "theory N = 400", \
     'notebooks-out/fig10-fluctuations.dat' index 5 using 3:8:9 with yerrorbars pt 7 ps 0.8 lc rgb "#d95f02" title "simulation N = 400"
unset multiplot