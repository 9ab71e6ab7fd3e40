// The matbakh pre-load stub as a file (a strict CSP allows no inline script): calls made before matbakh.js
// arrives are kept, with their time, and replayed in order.
!function(w){var m=w.matbakh=w.matbakh||{};if(m.version)return;m.q=m.q||[];["init","track","page","identify","group","alias","reset","consent.set"].forEach(function(k){var p=k.split("."),o=p[1]?m[p[0]]=m[p[0]]||{}:m,n=p[1]||k;o[n]=o[n]||function(){m.q.push([k,[].slice.call(arguments),Date.now()])}})}(window);
