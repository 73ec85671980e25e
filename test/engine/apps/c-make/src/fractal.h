#ifndef FRACTAL_H
#define FRACTAL_H

/* Escape-time iterations of z -> z^2 + c, smoothed; -1 when the point stays bounded. */
double mandel_smooth(double re, double im, int max_iter);

/* The character for a smoothed iteration count. */
char palette_char(double smooth, int max_iter);

#endif
